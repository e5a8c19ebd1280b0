import { useState } from 'react';
import type { FamilySummary } from '../../shared/contracts.js';
import { formatPhone } from '../../shared/phone.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useRowAction } from '../ui/use-row-action.js';
import { ReasonForm } from '../ui/reason-form.js';

/** The queue of new family accounts to validate (within 3 working days) or refuse with a reason. */
export function PendingAccountsPage() {
  const list = useResource('staff.pendingAccounts');
  const action = useRowAction();
  const { done, setDone, busyId } = action;
  const [rejecting, setRejecting] = useState<FamilySummary | null>(null);
  usePageTitle('Comptes à valider');

  const rows = (list.data ?? []);

  function validate(row: FamilySummary) {
    return action.run(
      row.accountId,
      async () => {
        await call('staff.validateAccount', { params: { accountId: row.accountId } });
        return `Le compte de ${row.guardian1Name} (${row.loginEmail}) est validé. Un courriel en informe la famille.`;
      },
      list.reload,
    );
  }

  return (
    <>
      <Link to="/agent" className="back-link">
        Tableau de bord
      </Link>
      <PageHeading>Comptes à valider</PageHeading>
      <p>Les nouveaux comptes doivent être validés sous 3 jours ouvrés. Tant qu’un compte n’est pas validé, la famille ne peut pas réserver.</p>
      {done && <StatusMessage>{done}</StatusMessage>}
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />
      <LoadState loading={list.loading && list.data === null} error={list.error} />
      {list.data !== null &&
        (rows.length === 0 ? (
          <p className="empty">Aucun compte en attente de validation.</p>
        ) : (
          <Table caption={`${rows.length} compte${rows.length > 1 ? 's' : ''} en attente`} head={['Famille', 'Adresse e-mail', 'Téléphone', 'Code postal et commune', 'Demande du', 'Actions']}>
            {rows.map((r) => (
              <tr key={r.accountId}>
                <td>
                  <Link to={`/agent/familles/${encodeURIComponent(r.familyId)}`}>{r.guardian1Name}</Link>
                </td>
                <td>{r.loginEmail}</td>
                <td>{r.phone ? formatPhone(r.phone) : <span className="muted">Non renseigné</span>}</td>
                <td>{[r.postalCode, r.city].filter(Boolean).join(' ') || <span className="muted">Non renseigné</span>}</td>
                <td>{formatDateTime(r.createdAt)}</td>
                <td>
                  <Button variant="primary" className="button--small" busy={busyId === r.accountId} onClick={() => void validate(r)}>
                    Valider<span className="visually-hidden"> le compte de {r.guardian1Name}</span>
                  </Button>
                  <Button variant="warning" className="button--small" onClick={() => { setDone(null); setRejecting(r); }}>
                    Refuser<span className="visually-hidden"> le compte de {r.guardian1Name}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </Table>
        ))}
      <RejectDialog
        account={rejecting}
        onClose={() => setRejecting(null)}
        onRejected={(r) => {
          setRejecting(null);
          setDone(`Le compte de ${r.guardian1Name} (${r.loginEmail}) est refusé. Le motif a été envoyé par courriel à la famille.`);
          list.reload();
        }}
      />
    </>
  );
}

function RejectDialog({ account, onClose, onRejected }: { account: FamilySummary | null; onClose: () => void; onRejected: (a: FamilySummary) => void }) {
  return (
    <Dialog title="Refuser le compte" isOpen={account !== null} onOpenChange={(open) => !open && onClose()}>
      {account && <RejectForm key={account.accountId} account={account} onCancel={onClose} onRejected={onRejected} />}
    </Dialog>
  );
}

function RejectForm({ account, onCancel, onRejected }: { account: FamilySummary; onCancel: () => void; onRejected: (a: FamilySummary) => void }) {
  return (
    <ReasonForm
      intro={
        <>
          Compte de <strong>{account.guardian1Name}</strong> ({account.loginEmail}).
        </>
      }
      hint="Il sera envoyé par courriel à la famille : soyez clair et courtois."
      submitLabel="Refuser le compte"
      onCancel={onCancel}
      onSubmitReason={async (reason) => {
        await call('staff.rejectAccount', { params: { accountId: account.accountId }, body: { reason } });
        onRejected(account);
      }}
    />
  );
}
