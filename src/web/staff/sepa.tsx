/**
 * « Recouvrement » (issue 13), for the cash office: mandates to activate, the SEPA debit batch of a published month
 * and its pain.008 file, the bank's rejections, the reminders, and the unpaid invoices for the public accountant.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, fileUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { formatDateTime, formatDay } from '../i18n/format.js';
import { monthLabel } from '../i18n/fr.js';
import { Button } from '../ui/button.js';
import { ErrorSummary } from '../ui/error-summary.js';
import { SelectField, TextArea } from '../ui/field.js';
import { formatEuros } from '../ui/money.js';
import { StatusMessage } from '../ui/status-message.js';
import { Table } from '../ui/table.js';
import { errorsOf, useForm } from '../ui/use-form.js';

export function SepaPage() {
  const { t } = useTranslation('money');
  usePageTitle(t('staff.title'));
  const mandates = useResource('staffMoney.mandates', { query: { state: 'requested' } });
  const runs = useResource('staffBilling.runs');
  const batches = useResource('staffMoney.batches');
  const reminders = useResource('staffMoney.reminders');
  const [flash, setFlash] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const batchForm = useForm({ runId: '' });
  const returnsForm = useForm({ content: '' });
  const published = (runs.data ?? []).filter((r) => r.state === 'published');
  const done = new Set((batches.data ?? []).map((b) => b.runId));

  async function act(run: () => Promise<string>) {
    setFlash(null);
    setProblem(null);
    try {
      setFlash(await run());
    } catch (e) {
      setProblem(errorsOf(e)[0]?.message ?? null);
    }
  }

  function build(e: FormEvent) {
    e.preventDefault();
    setFlash(null);
    void batchForm.submit(
      async () => {
        const b = await call('staffMoney.buildBatch', { body: { runId: Number(batchForm.values.runId) } });
        setFlash(t('staff.built', { count: b.txCount, amount: formatEuros(b.controlSumCents), date: formatDay(b.collectionDate) }));
        batches.reload();
      },
      { required: ['runId'] },
    );
  }

  function importReturns(e: FormEvent) {
    e.preventDefault();
    setFlash(null);
    void returnsForm.submit(
      async () => {
        const r = await call('staffMoney.importReturns', { body: { content: returnsForm.values.content } });
        setFlash(t('staff.imported', { rejected: r.rejected.length, known: r.alreadyKnown, unknown: r.unknown.length }));
        returnsForm.setValues({ content: '' });
        batches.reload();
      },
      { required: ['content'] },
    );
  }

  return (
    <>
      <Link to="/agent/facturation" className="back-link">
        {t('staff.back')}
      </Link>
      <PageHeading>{t('staff.title')}</PageHeading>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      {problem && (
        <StatusMessage tone="warning">
          <p>{problem}</p>
        </StatusMessage>
      )}

      <h2>{t('staff.mandatesTitle')}</h2>
      {(mandates.data ?? []).length === 0 ? (
        <p className="empty">{t('staff.noMandates')}</p>
      ) : (
        <Table caption={t('staff.mandatesTitle')} captionHidden head={[t('staff.family'), t('mandatePage.rum'), t('mandatePage.account'), t('mandatePage.signedOn'), '']}>
          {(mandates.data ?? []).map((m) => (
            <tr key={m.id}>
              <td>
                <Link to={`/agent/familles/${m.familyId}/recouvrement`}>{m.holderName}</Link>
              </td>
              <td>{m.rum}</td>
              <td>
                {m.ibanMasked} · {m.bic}
              </td>
              <td>{formatDay(m.signedOn)}</td>
              <td>
                <Button
                  className="button--small"
                  aria-label={t('staff.activateOf', { rum: m.rum })}
                  onClick={() =>
                    void act(async () => {
                      await call('staffMoney.activateMandate', { params: { mandateId: m.id } });
                      mandates.reload();
                      return t('staff.activated', { rum: m.rum });
                    })
                  }
                >
                  {t('staff.activate')}
                </Button>{' '}
                <Button
                  variant="secondary"
                  className="button--small"
                  aria-label={t('staff.refuseOf', { rum: m.rum })}
                  onClick={() =>
                    void act(async () => {
                      await call('staffMoney.refuseMandate', { params: { mandateId: m.id }, body: { reason: null } });
                      mandates.reload();
                      return t('staff.refused', { rum: m.rum });
                    })
                  }
                >
                  {t('staff.refuse')}
                </Button>
              </td>
            </tr>
          ))}
        </Table>
      )}

      <h2>{t('staff.batchTitle')}</h2>
      <p>{t('staff.batchIntro')}</p>
      <ErrorSummary {...batchForm.summary} />
      <form noValidate onSubmit={build}>
        <SelectField
          {...batchForm.field('runId')}
          label={t('staff.run')}
          placeholder={t('staff.chooseRun')}
          options={published.filter((r) => !done.has(r.id)).map((r) => ({ value: String(r.id), label: `${r.officeName} — ${monthLabel(r.month)}` }))}
          required
        />
        <Button type="submit" busy={batchForm.busy}>
          {t('staff.build')}
        </Button>
      </form>
      {(batches.data ?? []).length === 0 ? (
        <p className="empty">{t('staff.noBatches')}</p>
      ) : (
        <Table caption={t('staff.batches')} head={[t('staff.run'), t('staff.collection'), t('staff.count'), t('staff.total'), t('staff.file')]}>
          {(batches.data ?? []).map((b) => (
            <tr key={b.id}>
              <td>{monthLabel(b.month)}</td>
              <td>{formatDay(b.collectionDate)}</td>
              <td>{b.txCount}</td>
              <td>{formatEuros(b.controlSumCents)}</td>
              <td>
                <a href={fileUrl('staffMoney.pain008', { params: { batchId: b.id } })} aria-label={t('staff.pain008', { id: b.id })}>
                  pain.008
                </a>
              </td>
            </tr>
          ))}
        </Table>
      )}

      <h2>{t('staff.returnsTitle')}</h2>
      <p>{t('staff.returnsIntro')}</p>
      <ErrorSummary {...returnsForm.summary} />
      <form noValidate onSubmit={importReturns}>
        <TextArea {...returnsForm.field('content')} label={t('staff.returnsField')} required />
        <Button type="submit" busy={returnsForm.busy}>
          {t('staff.import')}
        </Button>
      </form>

      <h2>{t('staff.remindersTitle')}</h2>
      <p>{t('staff.remindersIntro')}</p>
      <Button
        variant="secondary"
        onClick={() =>
          void act(async () => {
            const r = await call('staffMoney.runReminders');
            reminders.reload();
            return t('staff.sentNow', { count: r.sent });
          })
        }
      >
        {t('staff.sendNow')}
      </Button>
      {(reminders.data ?? []).length === 0 ? (
        <p className="empty">{t('staff.noReminders')}</p>
      ) : (
        <Table caption={t('staff.remindersTitle')} captionHidden head={[t('staff.invoice'), t('staff.family'), t('staff.step'), t('staff.channel'), t('staff.balance'), t('staff.sentAt')]}>
          {(reminders.data ?? []).slice(0, 100).map((r) => (
            <tr key={`${r.invoiceId}-${r.step}`}>
              <td>{r.invoiceNumber}</td>
              <td>{r.familyName}</td>
              <td>{r.step}</td>
              <td>
                {r.channel === 'letter' ? (
                  <a href={fileUrl('staffMoney.reminderLetter', { params: { invoiceId: r.invoiceId } })} aria-label={t('staff.letterOf', { number: r.invoiceNumber })}>
                    {t('staff.channelLetter')}
                  </a>
                ) : (
                  t('staff.channelEmail')
                )}
              </td>
              <td>{formatEuros(r.balanceCents)}</td>
              <td>{formatDateTime(r.sentAt)}</td>
            </tr>
          ))}
        </Table>
      )}

      <h2>{t('staff.unpaidTitle')}</h2>
      <p>{t('staff.unpaidIntro')}</p>
      <p>
        <a className="button button--secondary" href={fileUrl('staffMoney.unpaidCsv')}>
          {t('staff.unpaidCsv')}
        </a>
      </p>
    </>
  );
}
