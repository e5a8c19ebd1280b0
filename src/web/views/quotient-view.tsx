import { useTranslation } from 'react-i18next';
import type { QuotientEntry, QuotientView } from '../../shared/quotient-contracts.js';
import { longDay, monthLabel } from '../../shared/i18n/dates.js';
import { parisDateOf } from '../../shared/calendar/paris-time.js';
import { currentLanguage } from '../i18n/i18n.js';
import { formatDate } from '../i18n/format.js';
import { Table } from '../ui/table.js';

/** « 3 janvier 2027 »: the day of an instant, Paris time, as a sentence says it (without the weekday). */
function dayOf(iso: string): string {
  return longDay(parisDateOf(new Date(iso)), currentLanguage()).replace(/^\S+\s/, '');
}

/** The source sentence of the current quotient: « Transmis par la CAF le 3 janvier 2027 », « Saisi par la mairie… ». */
export function QuotientSourceText({ current }: { current: QuotientView['current'] }) {
  const { t } = useTranslation('quotient');
  const lang = currentLanguage();
  if (current.quotient === null || !current.source) return null;
  const at = current.source === 'declared' ? current.recordedAt : (current.fetchedAt ?? current.recordedAt);
  const lines = [
    current.source === 'declared' && !at ? t('source.declaredUndated') : t(`source.${current.source}`, { date: at ? dayOf(at) : '' }),
    current.computedMonth ? t('source.computed', { month: monthLabel(current.computedMonth, lang) }) : null,
    current.documentName ? t('source.document', { name: current.documentName }) : null,
  ].filter(Boolean);
  return (
    <>
      {lines.map((l) => (
        <p key={l} className="muted">
          {l}
        </p>
      ))}
    </>
  );
}

/** The current quotient with its source, as both areas show it. */
export function QuotientSummary({ view, headingLevel = 2 }: { view: QuotientView; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation('quotient');
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="quotient-current">
      <H id="quotient-current">{t('page.current')}</H>
      {view.current.quotient === null ? <p>{t('card.none')}</p> : <p className="lead">{t('card.value', { quotient: view.current.quotient })}</p>}
      <QuotientSourceText current={view.current} />
    </section>
  );
}

/** Every value recorded, newest first; staff see who wrote each. */
export function QuotientHistoryTable({ history, staff = false, headingLevel = 2 }: { history: QuotientEntry[]; staff?: boolean; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation('quotient');
  const lang = currentLanguage();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="quotient-history">
      <H id="quotient-history">{t('history.title')}</H>
      {history.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <Table
          caption={t('history.caption')}
          head={[t('history.date'), t('history.quotient'), t('history.source'), t('history.computed'), t('history.document'), ...(staff ? [t('history.by')] : [])]}
        >
          {history.map((h) => (
            <tr key={h.seq}>
              <td>{formatDate(h.recordedAt)}</td>
              <td>{h.quotient ?? '—'}</td>
              <td>{t(`sourceShort.${h.source}`)}</td>
              <td>{h.computedMonth ? monthLabel(h.computedMonth, lang) : '—'}</td>
              <td>{h.documentName ?? '—'}</td>
              {staff && <td>{h.recordedBy === 'job' ? t('history.job') : (h.recordedBy ?? '—')}</td>}
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
