/**
 * « Prélèvement automatique » (issue 13): the family's SEPA mandates (state, RUM, masked IBAN, PDF copy, revoke) and
 * the online request, signed by ticking the declaration; staff activate it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, fileUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { formatDay } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Checkbox, Field, SelectField } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { useForm } from '../ui/use-form.js';
import { errorMessage } from '../api/client.js';

export function MandatePage() {
  const { t } = useTranslation('money');
  usePageTitle(t('mandatePage.title'));
  const canPay = useSession().account?.member?.canPay ?? true;
  const money = useResource('money.family');
  const offices = useResource('money.offices');
  const [flash, setFlash] = useState<string | null>(null);
  const debitOffices = (offices.data ?? []).filter((o) => o.directDebit);
  const form = useForm({ officeId: '', holderName: '', iban: '', bic: '', signedPlace: '', consent: false as boolean });
  const office = form.values.officeId || debitOffices[0]?.id || '';

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFlash(null);
    void form.submit(
      async () => {
        await call('money.requestMandate', { body: { ...form.values, officeId: office, consent: true } });
        setFlash(t('mandatePage.sent'));
        form.setValues({ officeId: '', holderName: '', iban: '', bic: '', signedPlace: '', consent: false });
        money.reload();
      },
      {
        required: ['holderName', 'iban', 'bic', 'signedPlace'],
        check: (v) => (v.consent ? [] : [{ path: 'consent', message: errorMessage('money.consent_required') }]),
      },
    );
  }

  async function revoke(id: string) {
    try {
      await call('money.revokeMandate', { params: { mandateId: id }, body: { reason: 'Révoqué par la famille' } });
      setFlash(t('mandatePage.revoked'));
      money.reload();
    } catch (err) {
      setFlash(err instanceof Error ? err.message : null);
    }
  }

  const mandates = money.data?.mandates ?? [];
  return (
    <>
      <Link to="/famille/factures" className="back-link">
        {t('mandatePage.back')}
      </Link>
      <PageHeading>{t('mandatePage.title')}</PageHeading>
      <p className="lead">{t('mandatePage.intro', { days: debitOffices[0]?.prenotificationDays ?? 14 })}</p>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      <LoadState loading={money.loading && !money.data} error={money.error} />
      <h2>{t('mandatePage.mine')}</h2>
      {mandates.length === 0 ? (
        <p className="empty">{t('mandatePage.none')}</p>
      ) : (
        <Table caption={t('mandatePage.mine')} captionHidden head={[t('mandatePage.office'), t('mandatePage.rum'), t('mandatePage.account'), t('mandatePage.signedOn'), t('mandatePage.state'), t('mandatePage.pdf')]}>
          {mandates.map((m) => (
            <tr key={m.id}>
              <td>{m.officeName}</td>
              <td>{m.rum}</td>
              <td>{m.ibanMasked}</td>
              <td>{formatDay(m.signedOn)}</td>
              <td>{t(`mandateState.${m.state}`)}</td>
              <td>
                <a href={fileUrl('money.mandatePdf', { params: { mandateId: m.id } })} aria-label={t('mandatePage.pdfOf', { rum: m.rum })}>
                  PDF
                </a>
                {canPay && (m.state === 'active' || m.state === 'requested') && (
                  <>
                    {' '}
                    <Button variant="secondary" className="button--small" onClick={() => void revoke(m.id)} aria-label={t('mandatePage.revokeOf', { rum: m.rum })}>
                      {t('mandatePage.revoke')}
                    </Button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {canPay && (
        <>
          <h2>{t('mandatePage.newTitle')}</h2>
          {offices.data && debitOffices.length === 0 ? (
            <p className="empty">{t('mandatePage.noOffice')}</p>
          ) : (
            <>
              <ErrorSummary {...form.summary} />
              <form noValidate onSubmit={onSubmit}>
                {debitOffices.length > 1 && (
                  <SelectField {...form.field('officeId')} value={office} label={t('mandatePage.office')} options={debitOffices.map((o) => ({ value: o.id, label: o.name }))} required />
                )}
                <Field {...form.field('holderName')} label={t('mandatePage.holder')} hint={t('mandatePage.holderHint')} autoComplete="name" required />
                <Field {...form.field('iban')} label={t('mandatePage.iban')} hint={t('mandatePage.ibanHint')} spellCheck={false} autoCapitalize="characters" required />
                <Field {...form.field('bic')} label={t('mandatePage.bic')} hint={t('mandatePage.bicHint')} width="short" spellCheck={false} autoCapitalize="characters" required />
                <Field {...form.field('signedPlace')} label={t('mandatePage.place')} autoComplete="address-level2" required />
                <Checkbox name="consent" label={t('mandatePage.consent')} checked={form.values.consent} onCheckedChange={(c) => form.set('consent', c)} error={form.errorFor('consent')} required />
                <Button type="submit" busy={form.busy}>
                  {t('mandatePage.submit')}
                </Button>
              </form>
            </>
          )}
        </>
      )}
    </>
  );
}
