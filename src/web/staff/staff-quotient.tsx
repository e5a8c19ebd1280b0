import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { formatDate } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { Field, SelectField } from '../ui/field.js';
import { StatusMessage } from '../ui/status-message.js';
import { errorsOf, prefixed, useForm } from '../ui/use-form.js';
import { QuotientHistoryTable, QuotientSourceText } from '../views/quotient-view.js';

/**
 * The family page's « Quotient familial » (issue 15): the current value, its source and history (who wrote each),
 * the family's consent, « Interroger la CAF » (only with consent in force), and the entry on an accepted document.
 */
export function StaffQuotient({ familyId }: { familyId: string }) {
  const { t } = useTranslation('quotient');
  const view = useResource('staffQuotient.get', { params: { familyId } });
  const [flash, setFlash] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const form = useForm({ quotient: '', computedMonth: '', documentId: '' }, { prefix: 'quotientEntry' });
  const v = view.data;

  async function ask() {
    if (asking) return;
    setAsking(true);
    setFlash(null);
    setProblem(null);
    try {
      const r = await call('staffQuotient.fetch', { params: { familyId } });
      setFlash(t('staff.fetched', { quotient: r.current.quotient ?? '' }));
      view.reload();
    } catch (e) {
      setProblem(errorsOf(e)[0]?.message ?? null);
    } finally {
      setAsking(false);
    }
  }

  return (
    <section aria-labelledby="staff-quotient" className="card">
      <h2 id="staff-quotient">{t('staff.title')}</h2>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      {problem && (
        <StatusMessage tone="warning">
          <p>{problem}</p>
        </StatusMessage>
      )}
      {v && (
        <>
          {v.current.quotient === null ? <p>{t('card.none')}</p> : <p className="lead">{t('card.value', { quotient: v.current.quotient })}</p>}
          <QuotientSourceText current={v.current} />
          <p>{v.allocataireNumber && v.regime ? t('staff.number', { number: v.allocataireNumber, regime: t(`page.regimes.${v.regime}`) }) : t('staff.noNumber')}</p>
          <p>
            {v.consentActive
              ? t('staff.consentActive', { date: formatDate(v.consent!.givenAt), who: v.consent!.givenBy ?? '' })
              : v.consent?.withdrawnAt
                ? t('staff.consentWithdrawn', { date: formatDate(v.consent.withdrawnAt) })
                : t('staff.consentNone')}
          </p>
          {v.consentActive && (
            <Button variant="secondary" busy={asking} onClick={() => void ask()}>
              {t('staff.fetch')}
            </Button>
          )}

          <h3>{t('staff.manualTitle')}</h3>
          {v.documents.length === 0 ? (
            <p>{t('staff.noDocument')}</p>
          ) : (
            <>
              <ErrorSummary {...form.summary} />
              <form
                noValidate
                onSubmit={(e: FormEvent) => {
                  e.preventDefault();
                  setFlash(null);
                  setProblem(null);
                  void form.submit(
                    async () => {
                      const q = form.values.quotient.trim().replace(/\s/g, '');
                      await call('staffQuotient.manual', {
                        params: { familyId },
                        body: { quotient: /^\d+$/.test(q) ? Number(q) : (q as unknown as number), computedMonth: form.values.computedMonth.trim(), documentId: form.values.documentId },
                      });
                      setFlash(t('staff.saved'));
                      form.setValues({ quotient: '', computedMonth: '', documentId: '' });
                      view.reload();
                    },
                    { required: ['quotient', 'computedMonth', 'documentId'], mapErrors: prefixed('quotientEntry.') },
                  );
                }}
              >
                <Field {...form.field('quotient')} label={t('staff.manualQuotient')} width="short" inputMode="numeric" required />
                <Field {...form.field('computedMonth')} label={t('staff.manualMonth')} hint={t('staff.manualMonthHint')} width="short" required />
                <SelectField
                  {...form.field('documentId')}
                  label={t('staff.manualDocument')}
                  placeholder={t('staff.choose')}
                  options={v.documents.map((d) => ({ value: d.id, label: `${d.typeName}${d.acceptedAt ? ` (${formatDate(d.acceptedAt)})` : ''}` }))}
                  required
                />
                <Button type="submit" busy={form.busy}>
                  {t('staff.manualSubmit')}
                </Button>
              </form>
            </>
          )}
          <QuotientHistoryTable history={v.history} staff headingLevel={3} />
        </>
      )}
    </section>
  );
}
