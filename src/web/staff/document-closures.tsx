import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ClosureRequestItem, ErasureReport } from '../../shared/document-contracts.js';
import { call, errorMessage } from '../api/client.js';
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
  const { t } = useTranslation('staffAdmin');
  usePageTitle(t('closures.title'));
  return (
    <>
      <Link to="/agent" className="back-link">
        {t('closures.back')}
      </Link>
      <PageHeading>{t('closures.title')}</PageHeading>
      <p>{t('closures.intro')}</p>
      {report && (
        <StatusMessage title={t('closures.closed', { family: report.family.familyName })}>
          <p>
            {t('closures.erased', { count: Object.values(report.report.erased).reduce((n, x) => n + x, 0) })}
            {report.report.kept.length > 0 && ` ${t('closures.keptTitle')}`}
          </p>
          {report.report.kept.length > 0 && (
            <ul>
              {report.report.kept.map((k) => (
                <li key={k.table}>
                  {t('closures.kept', { rows: k.rows, table: k.table, reason: k.reason })}
                </li>
              ))}
            </ul>
          )}
        </StatusMessage>
      )}
      <LoadState loading={list.loading && list.data === null} error={list.error} />
      {list.data !== null &&
        (rows.length === 0 ? (
          <p className="empty">{t('closures.empty')}</p>
        ) : (
          <Table
            caption={t('closures.caption', { count: rows.length })}
            head={[t('closures.head.family'), t('closures.head.email'), t('closures.head.requestedAt'), t('closures.head.reason'), t('closures.head.action')]}
          >
            {rows.map((r) => (
              <tr key={r.familyId}>
                <td>
                  <Link to={`/agent/familles/${encodeURIComponent(r.familyId)}`}>{r.familyName}</Link>
                </td>
                <td>{r.email}</td>
                <td>{formatDateTime(r.requestedAt)}</td>
                <td>{r.reason ?? <span className="muted">{t('closures.noReason')}</span>}</td>
                <td>
                  <Button variant="warning" className="button--small" onClick={() => { setReport(null); setClosing(r); }}>
                    {t('closures.close')}
                    <span className="visually-hidden"> {t('closures.closeHidden', { family: r.familyName })}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </Table>
        ))}
      <Dialog title={t('closures.dialogTitle')} isOpen={closing !== null} onOpenChange={(open) => !open && setClosing(null)}>
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
  const { t } = useTranslation('staffAdmin');
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!form.values.confirmLastName.trim()) {
      form.fail([{ path: 'confirmLastName', message: errorMessage('privacy.confirm_required') }]);
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
          <Trans t={t} i18nKey="closures.form.intro" values={{ family: family.familyName, email: family.email }} components={{ strong: <strong /> }} />
        </p>
        <ul>
          <li>{t('closures.form.consequence1')}</li>
          <li>{t('closures.form.consequence2')}</li>
          <li>{t('closures.form.consequence3')}</li>
          <li>{t('closures.form.consequence4')}</li>
        </ul>
      </div>
      <Field
        {...form.field('confirmLastName')}
        label={t('closures.form.confirm')}
        required
        autoComplete="off"
      />
      <ButtonGroup>
        <Button type="submit" variant="warning" busy={form.busy}>
          {t('closures.form.submit')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('closures.form.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
