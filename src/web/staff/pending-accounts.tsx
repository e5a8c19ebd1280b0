import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { FamilySummary } from '../../shared/contracts.js';
import { formatPhone } from '../../shared/phone.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useRowAction } from '../ui/use-row-action.js';
import { ReasonForm } from '../ui/reason-form.js';

/** The queue of new family accounts to validate (within 3 working days) or refuse with a reason. */
export function PendingAccountsPage() {
  const { t } = useTranslation('staff');
  const list = useResource('staff.pendingAccounts');
  const action = useRowAction();
  const { done, setDone, busyId } = action;
  const [rejecting, setRejecting] = useState<FamilySummary | null>(null);
  // issue 17: « Valider le compte » asks first — one click no longer validates (nor mails the family) by mistake
  const [confirming, setConfirming] = useState<FamilySummary | null>(null);
  usePageTitle(t('pendingAccounts.title'));

  const rows = (list.data ?? []);

  function validate(row: FamilySummary) {
    return action.run(
      row.accountId,
      async () => {
        await call('staff.validateAccount', { params: { accountId: row.accountId } });
        return t('pendingAccounts.validated', { name: row.guardian1Name, email: row.loginEmail });
      },
      list.reload,
    );
  }

  return (
    <>
      <Link to="/agent" className="back-link">
        {t('shared.dashboard')}
      </Link>
      <PageHeading>{t('pendingAccounts.title')}</PageHeading>
      <p>{t('pendingAccounts.intro')}</p>
      {done && <StatusMessage>{done}</StatusMessage>}
      <ErrorSummary errors={action.errors} focusKey={action.errorKey} />
      <LoadState loading={list.loading && list.data === null} error={list.error} />
      {list.data !== null &&
        (rows.length === 0 ? (
          <p className="empty">{t('pendingAccounts.empty')}</p>
        ) : (
          <Table
            caption={t('pendingAccounts.caption', { count: rows.length })}
            head={[
              t('pendingAccounts.head.family'),
              t('pendingAccounts.head.email'),
              t('pendingAccounts.head.phone'),
              t('pendingAccounts.head.place'),
              t('pendingAccounts.head.requestedOn'),
              t('shared.actions'),
            ]}
          >
            {rows.map((r) => (
              <tr key={r.accountId}>
                <td>
                  <Link to={`/agent/familles/${encodeURIComponent(r.familyId)}`}>{r.guardian1Name}</Link>
                </td>
                <td>{r.loginEmail}</td>
                <td>{r.phone ? formatPhone(r.phone) : <span className="muted">{t('shared.notProvided')}</span>}</td>
                <td>{[r.postalCode, r.city].filter(Boolean).join(' ') || <span className="muted">{t('shared.notProvided')}</span>}</td>
                <td>{formatDateTime(r.createdAt)}</td>
                <td>
                  <Button variant="primary" className="button--small" busy={busyId === r.accountId} onClick={() => { setDone(null); setConfirming(r); }}>
                    <Trans t={t} i18nKey="pendingAccounts.validate" values={{ name: r.guardian1Name }} components={{ hidden: <span className="visually-hidden" /> }} />
                  </Button>
                  <Button variant="warning" className="button--small" onClick={() => { setDone(null); setRejecting(r); }}>
                    <Trans t={t} i18nKey="pendingAccounts.reject" values={{ name: r.guardian1Name }} components={{ hidden: <span className="visually-hidden" /> }} />
                  </Button>
                </td>
              </tr>
            ))}
          </Table>
        ))}
      <ConfirmDialog
        title={t('pendingAccounts.confirmTitle')}
        isOpen={confirming !== null}
        tone="primary"
        confirmLabel={t('pendingAccounts.confirmSubmit')}
        busy={confirming !== null && busyId === confirming.accountId}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          const row = confirming!;
          setConfirming(null);
          void validate(row);
        }}
      >
        {confirming && <p>{t('pendingAccounts.confirmText', { name: confirming.guardian1Name, email: confirming.loginEmail })}</p>}
      </ConfirmDialog>
      <RejectDialog
        account={rejecting}
        onClose={() => setRejecting(null)}
        onRejected={(r) => {
          setRejecting(null);
          setDone(t('pendingAccounts.rejected', { name: r.guardian1Name, email: r.loginEmail }));
          list.reload();
        }}
      />
    </>
  );
}

function RejectDialog({ account, onClose, onRejected }: { account: FamilySummary | null; onClose: () => void; onRejected: (a: FamilySummary) => void }) {
  const { t } = useTranslation('staff');
  return (
    <Dialog title={t('pendingAccounts.rejectTitle')} isOpen={account !== null} onOpenChange={(open) => !open && onClose()}>
      {account && <RejectForm key={account.accountId} account={account} onCancel={onClose} onRejected={onRejected} />}
    </Dialog>
  );
}

function RejectForm({ account, onCancel, onRejected }: { account: FamilySummary; onCancel: () => void; onRejected: (a: FamilySummary) => void }) {
  const { t } = useTranslation('staff');
  return (
    <ReasonForm
      intro={<Trans t={t} i18nKey="pendingAccounts.rejectIntro" values={{ name: account.guardian1Name, email: account.loginEmail }} components={{ strong: <strong /> }} />}
      hint={t('shared.reasonHint')}
      submitLabel={t('pendingAccounts.rejectSubmit')}
      onCancel={onCancel}
      onSubmitReason={async (reason) => {
        await call('staff.rejectAccount', { params: { accountId: account.accountId }, body: { reason } });
        onRejected(account);
      }}
    />
  );
}
