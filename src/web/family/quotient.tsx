import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { formatDate } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Checkbox, Field } from '../ui/field.js';
import { Radios } from '../ui/fieldset.js';
import { LoadState } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { errorsOf, useForm } from '../ui/use-form.js';
import { QuotientHistoryTable, QuotientSummary } from '../views/quotient-view.js';

/**
 * « Quotient familial » (issue 15): the current quotient with its source and date, the consent to ask the CAF or
 * the MSA (what is asked, by whom, why, for how long, how to withdraw) with the allocataire number, the history.
 */
export function QuotientPage() {
  const { t } = useTranslation('quotient');
  const { config, account } = useSession();
  const canEdit = account?.member?.canEdit ?? true;
  const view = useResource('quotient.get');
  const [flash, setFlash] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useForm({ allocataireNumber: '', regime: '' as '' | 'cnaf' | 'msa', consent: false });
  const v = view.data;
  const { setValues } = form;
  const loaded = v !== null;
  // the form starts from the number and scheme of the family's record, once loaded
  useEffect(() => {
    if (loaded && v) setValues({ allocataireNumber: v.allocataireNumber ?? '', regime: v.regime ?? '', consent: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded]);
  usePageTitle(t('page.title'), form.errors.length > 0);

  async function withdraw() {
    setBusy(true);
    setProblem(null);
    try {
      await call('quotient.withdraw');
      setFlash(t('page.withdrawn'));
      setWithdrawing(false);
      view.reload();
    } catch (e) {
      setWithdrawing(false);
      setProblem(errorsOf(e)[0]?.message ?? null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Link to="/famille/informations" className="back-link">
        {t('page.back')}
      </Link>
      <PageHeading>{t('page.title')}</PageHeading>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      {problem && (
        <StatusMessage tone="warning">
          <p>{problem}</p>
        </StatusMessage>
      )}
      <p>{t('page.intro')}</p>
      <LoadState loading={view.loading} error={view.error} onRetry={view.reload} />
      {v && (
        <>
          <QuotientSummary view={v} />
          {v.consent && (
            <p>
              {v.consent.withdrawnAt ? t('page.consentWithdrawn', { date: formatDate(v.consent.withdrawnAt) }) : t('page.consentGiven', { date: formatDate(v.consent.givenAt), who: v.consent.givenBy ?? '' })}
            </p>
          )}
          {canEdit && v.consentActive && (
            <Button variant="secondary" onClick={() => setWithdrawing(true)}>
              {t('page.withdraw')}
            </Button>
          )}

          {canEdit && (
            <section aria-labelledby="quotient-ask">
              <h2 id="quotient-ask">{t('page.askTitle')}</h2>
              <ul>
                <li>{t('page.what')}</li>
                <li>{t('page.who', { city: config.city.name })}</li>
                <li>{t('page.why')}</li>
                <li>{t('page.howLong')}</li>
                <li>{t('page.withdrawInfo')}</li>
              </ul>
              {v.provider === 'demo' && (
                <StatusMessage tone="info">
                  <p>{t('page.demo')}</p>
                </StatusMessage>
              )}
              {!v.postalCode && (
                <StatusMessage tone="warning">
                  <p>{t('page.postalMissing')}</p>
                </StatusMessage>
              )}
              <ErrorSummary {...form.summary} />
              <form
                noValidate
                onSubmit={(e: FormEvent) => {
                  e.preventDefault();
                  setFlash(null);
                  setProblem(null);
                  void form.submit(
                    async () => {
                      const r = await call('quotient.fetch', {
                        body: { allocataireNumber: form.values.allocataireNumber, regime: form.values.regime as 'cnaf', consent: form.values.consent as true },
                      });
                      setFlash(t('page.fetched', { quotient: r.current.quotient ?? '' }));
                      form.set('consent', false);
                      view.reload();
                    },
                    { required: ['regime', 'allocataireNumber', 'consent'] },
                  );
                }}
              >
                <Radios
                  name="regime"
                  legend={t('page.regime')}
                  inline
                  required
                  options={(['cnaf', 'msa'] as const).map((value) => ({ value, label: t(`page.regimes.${value}`) }))}
                  value={form.values.regime}
                  onValueChange={(x) => form.set('regime', x)}
                  error={form.errorFor('regime')}
                />
                <Field {...form.field('allocataireNumber')} label={t('page.number')} hint={t('page.numberHint')} width="medium" inputMode="numeric" autoComplete="off" spellCheck={false} required />
                <Checkbox
                  name="consent"
                  label={t('page.consent')}
                  checked={form.values.consent}
                  onCheckedChange={(c) => form.set('consent', c)}
                  error={form.errorFor('consent')}
                  required
                />
                <Button type="submit" busy={form.busy}>
                  {t('page.submit')}
                </Button>
              </form>
            </section>
          )}

          <QuotientHistoryTable history={v.history} />
        </>
      )}
      <ConfirmDialog title={t('page.withdrawTitle')} isOpen={withdrawing} confirmLabel={t('page.withdrawConfirm')} cancelLabel={t('page.cancel')} onConfirm={() => void withdraw()} onCancel={() => setWithdrawing(false)} busy={busy}>
        <p>{t('page.withdrawBody')}</p>
      </ConfirmDialog>
    </>
  );
}
