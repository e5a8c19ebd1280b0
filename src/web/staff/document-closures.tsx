import { useState, type FormEvent } from 'react';
import type { ClosureRequestItem, ErasureReport } from '../../shared/document-contracts.js';
import { messageFor } from '../../shared/errors.js';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime } from '../i18n/format.js';
import { Button, ButtonGroup } from '../ui/button.js';
import { Dialog } from '../ui/dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Field } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import '../ui/documents.css';

export const CLOSURES_PATH = '/agent/fermetures';

/** « Fermetures de comptes » (administrators): the families that asked for their account to be closed. */
export function ClosureRequestsPage() {
  const list = useResource('staffPrivacy.closureRequests');
  const rows = (list.data ?? []);
  const [closing, setClosing] = useState<ClosureRequestItem | null>(null);
  const [report, setReport] = useState<{ family: ClosureRequestItem; report: ErasureReport } | null>(null);
  usePageTitle('Fermetures de comptes');
  return (
    <>
      <Link to="/agent" className="back-link">
        Tableau de bord
      </Link>
      <PageHeading>Fermetures de comptes</PageHeading>
      <p>
        Les familles qui ont demandé la fermeture de leur compte. À traiter sous un mois. La fermeture efface ou rend
        anonymes leurs données personnelles, sauf ce que la loi oblige à garder (factures et paiements).
      </p>
      {report && (
        <StatusMessage title={`Le compte de la famille ${report.family.familyName} est fermé.`}>
          <p>
            {Object.values(report.report.erased).reduce((n, x) => n + x, 0)} lignes effacées ou rendues anonymes.
            {report.report.kept.length > 0 && ' Conservé par obligation légale :'}
          </p>
          {report.report.kept.length > 0 && (
            <ul>
              {report.report.kept.map((k) => (
                <li key={k.table}>
                  {k.rows} × {k.table} : {k.reason}
                </li>
              ))}
            </ul>
          )}
        </StatusMessage>
      )}
      <LoadState loading={list.loading && list.data === null} error={list.error} />
      {list.data !== null &&
        (rows.length === 0 ? (
          <p className="empty">Aucune demande de fermeture.</p>
        ) : (
          <Table caption={`${rows.length} demande${rows.length > 1 ? 's' : ''} de fermeture`} head={['Famille', 'Adresse e-mail', 'Demandée le', 'Motif', 'Action']}>
            {rows.map((r) => (
              <tr key={r.familyId}>
                <td>
                  <Link to={`/agent/familles/${encodeURIComponent(r.familyId)}`}>{r.familyName}</Link>
                </td>
                <td>{r.email}</td>
                <td>{formatDateTime(r.requestedAt)}</td>
                <td>{r.reason ?? <span className="muted">Aucun</span>}</td>
                <td>
                  <Button variant="warning" className="button--small" onClick={() => { setReport(null); setClosing(r); }}>
                    Fermer le compte<span className="visually-hidden"> de la famille {r.familyName}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </Table>
        ))}
      <Dialog title="Fermer le compte de la famille" isOpen={closing !== null} onOpenChange={(open) => !open && setClosing(null)}>
        {closing && (
          <CloseForm
            family={closing}
            onCancel={() => setClosing(null)}
            onClosed={(r) => {
              setReport({ family: closing, report: r });
              setClosing(null);
              list.reload();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

/** The strong confirmation: the consequences in words, then the guardian's last name typed again. */
function CloseForm({ family, onCancel, onClosed }: { family: ClosureRequestItem; onCancel: () => void; onClosed: (r: ErasureReport) => void }) {
  const form = useForm({ confirmLastName: '' });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!form.values.confirmLastName.trim()) {
      form.fail([{ path: 'confirmLastName', message: messageFor('privacy.confirm_required') }]);
      return;
    }
    void form.submit(async () => {
      onClosed(await call('staffPrivacy.closeFamily', { params: { familyId: family.familyId }, body: { confirmLastName: form.values.confirmLastName.trim() } }));
    });
  }
  return (
    <form noValidate onSubmit={onSubmit} className="form--wide">
      <ErrorSummary {...form.summary} />
      <div className="dialog__body">
        <p>
          Famille <strong>{family.familyName}</strong> ({family.email}). <strong>Cette action est définitive.</strong>
        </p>
        <ul>
          <li>le compte est fermé : la famille ne peut plus se connecter ;</li>
          <li>les informations de la famille et des enfants, les personnes à contacter et autorisées, les documents et les courriels sont effacés ; le journal garde les actions sans les détails qui nomment la famille ;</li>
          <li>les réservations et les présences restent comptées, rattachées à un enfant anonyme ; celles à venir ne sont pas annulées : fermez le compte une fois ses réservations terminées ;</li>
          <li>les factures publiées, les avoirs et les paiements sont gardés 10 ans (pièces comptables publiques), comme la loi l’exige.</li>
        </ul>
      </div>
      <Field
        {...form.field('confirmLastName')}
        label="Pour confirmer, recopiez le nom de famille du responsable 1"
        required
        autoComplete="off"
      />
      <ButtonGroup>
        <Button type="submit" variant="warning" busy={form.busy}>
          Fermer définitivement le compte
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Annuler
        </Button>
      </ButtonGroup>
    </form>
  );
}
