/**
 * « Statistiques » (issue 15, docs/statistics.md): the staff's figures for the CAF and the city — hours of presence
 * (« actes ») with the CAF's rounding rules and the exports, occupancy per week and unit, waiting lists, absences on
 * booked days, revenue per month, payment methods, share of online bookings and payments. Every figure comes from
 * one call (`stats.overview`); the exports from the same query layer. Each chart is a hand-drawn SVG with its
 * heading, a sentence that sums it up and its data table (in a disclosure); series differ by pattern, not colour
 * alone. Loaded lazily with the staff area: the family's pages do not carry it.
 */
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsOverview } from '../../shared/stats-contracts.js';
import { errorMessage, fileUrl } from '../api/client.js';
import { useResource } from '../api/use-resource.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { monthLabel, shortDayLabel } from '../i18n/fr.js';
import { Button } from '../ui/button.js';
import { Field, SelectField } from '../ui/field.js';
import { LoadState } from '../ui/loading.js';
import { formatEuros } from '../ui/money.js';
import { parisToday, useStaffCatalog } from './booking-filters.js';
import '../ui/billing.css';
import '../ui/booking.css';
import '../ui/stats.css';

interface Filters {
  year: string;
  month: string;
  establishmentId: string;
  activityId: string;
  quotientBands: string;
}

function periodOf(f: Filters): { from: string; to: string } {
  if (!f.month) return { from: `${f.year}-01-01`, to: `${f.year}-12-31` };
  const [y, m] = [Number(f.year), Number(f.month)];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${f.year}-${f.month}-01`, to: `${f.year}-${f.month}-${String(last).padStart(2, '0')}` };
}

/** « janv. », « févr. »: a month on a chart's axis, in the page's language (its table says the whole month). */
const shortMonth = (m: string) => new Intl.DateTimeFormat(document.documentElement.lang || 'fr', { month: 'short', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part * 100) / whole) : 0);
const hours = (h: number) => h.toLocaleString(undefined, { maximumFractionDigits: 2 });

export function StatisticsPage() {
  const { t } = useTranslation('stats');
  const { t: ts } = useTranslation('staff');
  const catalog = useStaffCatalog();
  usePageTitle(t('title'));
  const thisYear = parisToday().slice(0, 4);
  const [draft, setDraft] = useState<Filters>({ year: thisYear, month: '', establishmentId: '', activityId: '', quotientBands: '' });
  const [applied, setApplied] = useState<Filters>(draft);
  const [bandsError, setBandsError] = useState<string | null>(null);
  const query = useMemo(() => {
    const p = periodOf(applied);
    return {
      ...p,
      ...(applied.activityId ? { activityId: applied.activityId } : {}),
      ...(applied.establishmentId ? { establishmentId: applied.establishmentId } : {}),
      ...(applied.quotientBands.trim() ? { quotientBands: applied.quotientBands.replace(/\s+/g, '') } : {}),
    };
  }, [applied]);
  const data = useResource('stats.overview', { query });

  const establishments = catalog.data?.establishments ?? [];
  const activities = catalog.activities.filter((a) => !draft.establishmentId || establishments.find((e) => e.id === draft.establishmentId)?.activities.some((x) => x.id === a.id));
  const years = Array.from({ length: 6 }, (_, i) => String(Number(thisYear) + 1 - i));
  const months = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

  function submit(e: FormEvent) {
    e.preventDefault();
    // the server's rule, said before asking it: increasing whole upper bounds, separated by commas
    const bands = draft.quotientBands.replace(/\s+/g, '');
    const bounds = bands.split(',').map(Number);
    if (bands && (!/^\d{1,5}(,\d{1,5}){0,7}$/.test(bands) || bounds.some((b, i) => i > 0 && b <= bounds[i - 1]!))) {
      setBandsError(errorMessage('stats.bands_invalid'));
      document.getElementById('quotientBands')?.focus();
      return;
    }
    setBandsError(null);
    setApplied(draft);
  }

  return (
    <>
      <Link to="/agent" className="back-link">
        {ts('shared.dashboard')}
      </Link>
      <PageHeading>{t('title')}</PageHeading>
      <p>{t('intro')}</p>
      <form className="stats-filters" onSubmit={submit} aria-label={t('filters.legend')}>
        <div className="filters">
          <SelectField name="year" label={t('filters.year')} value={draft.year} onValueChange={(year) => setDraft({ ...draft, year })} options={years.map((y) => ({ value: y, label: y }))} />
          <SelectField
            name="month"
            label={t('filters.month')}
            value={draft.month}
            onValueChange={(month) => setDraft({ ...draft, month })}
            placeholder={t('filters.wholeYear')}
            options={months.map((m) => ({ value: m, label: monthLabel(`${draft.year}-${m}`) }))}
          />
          <SelectField
            name="establishmentId"
            label={t('filters.establishment')}
            value={draft.establishmentId}
            onValueChange={(establishmentId) => setDraft({ ...draft, establishmentId, activityId: '' })}
            placeholder={t('filters.allEstablishments')}
            options={establishments.map((e) => ({ value: e.id, label: e.name }))}
          />
          <SelectField
            name="activityId"
            label={t('filters.activity')}
            value={draft.activityId}
            onValueChange={(activityId) => setDraft({ ...draft, activityId })}
            placeholder={t('filters.allActivities')}
            options={activities.map((a) => ({ value: a.id, label: `${a.establishmentName} — ${a.name}` }))}
          />
          <Field
            name="quotientBands"
            label={t('filters.bands')}
            hint={t('filters.bandsHint')}
            width="medium"
            error={bandsError}
            value={draft.quotientBands}
            onValueChange={(quotientBands) => setDraft({ ...draft, quotientBands })}
          />
        </div>
        <Button type="submit">{t('filters.apply')}</Button>
      </form>
      <p className="stats-period">{t('filters.period', { from: shortDayLabel(query.from), to: shortDayLabel(query.to) })}</p>
      <LoadState loading={data.loading && !data.data} error={data.error} />
      {data.loading && data.data && <p role="status">{t('loading')}</p>}
      {data.data && <Figures data={data.data} query={query} />}
    </>
  );
}

type Query = { from: string; to: string; activityId?: string; establishmentId?: string; quotientBands?: string };

function Figures({ data, query }: { data: StatsOverview; query: Query }) {
  const { t } = useTranslation('stats');
  const { t: tl } = useTranslation('labels');
  const unitName = new Map(data.units.map((u) => [u.unitId, data.units.filter((x) => x.unitLabel === u.unitLabel).length > 1 ? `${u.activityName} — ${u.unitLabel}` : u.unitLabel]));
  const unitIds = data.units.map((u) => u.unitId).filter((id) => data.occupancy.some((o) => o.unitId === id));
  const weeks = [...new Set(data.occupancy.map((o) => o.week))].sort();
  const week = (w: string) => shortDayLabel(w);

  // occupancy: the week and unit with the highest rate
  const occ = (w: string, u: string) => data.occupancy.find((o) => o.week === w && o.unitId === u);
  const top = [...data.occupancy].sort((a, b) => percent(b.booked, b.capacity) - percent(a.booked, a.capacity))[0];

  const waitingWeeks = [...new Set(data.waiting.map((w) => w.week))].sort();
  const waitingOf = (w: string) => data.waiting.filter((x) => x.week === w).reduce((s, x) => s + x.waiting, 0);
  const waitingTotal = data.waiting.reduce((s, x) => s + x.waiting, 0);
  const waitingTop = [...waitingWeeks].sort((a, b) => waitingOf(b) - waitingOf(a))[0];

  const showWeeks = [...new Set(data.noShows.map((n) => n.week))].sort();
  const showsOf = (w: string) => data.noShows.filter((n) => n.week === w);
  const sum = <T,>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);
  const booked = sum(data.noShows, (n) => n.booked);
  const justified = sum(data.noShows, (n) => n.absentJustified);
  const unjustified = sum(data.noShows, (n) => n.absentUnjustified);
  const unmarked = sum(data.noShows, (n) => n.unmarked);

  const invoiced = sum(data.revenue, (r) => r.invoicedCents);
  const credited = sum(data.revenue, (r) => r.creditedCents);
  const collected = sum(data.revenue, (r) => r.collectedCents);
  const methodsTotal = sum(data.paymentMethods, (m) => m.amountCents);
  const method = (m: string) => tl(`paymentMethod.${m}` as 'paymentMethod.cash', { defaultValue: m });

  const resOnline = sum(data.online, (o) => o.reservationsOnline);
  const resAll = resOnline + sum(data.online, (o) => o.reservationsStaff);
  const payOnline = sum(data.online, (o) => o.paymentsOnlineCents);
  const payAll = payOnline + sum(data.online, (o) => o.paymentsOtherCents);
  const h = data.hours;

  return (
    <>
      <section className="stats-section" aria-labelledby="stats-hours">
        <h2 id="stats-hours">{t('hours.title')}</h2>
        <p>{t('hours.summary', { booked: h.total.bookedHoursRounded, invoiced: h.total.invoicedHoursRounded, attended: h.total.attendedHoursRounded })}</p>
        {h.byActivityMonth.length > 0 && (
          <div className="table-wrap" role="region" aria-labelledby="stats-hours-caption" tabIndex={0}>
            <table className="table">
              <caption id="stats-hours-caption" className="table__caption">
                {t('hours.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('hours.activity')}</th>
                  <th scope="col">{t('hours.month')}</th>
                  <th scope="col" className="num">{t('hours.booked')}</th>
                  <th scope="col" className="num">{t('hours.invoiced')}</th>
                  <th scope="col" className="num">{t('hours.attended')}</th>
                </tr>
              </thead>
              <tbody>
                {h.byActivityMonth.map((r) => (
                  <tr key={`${r.activityName}-${r.month}`}>
                    <th scope="row">{r.activityName}</th>
                    <td>{monthLabel(r.month)}</td>
                    <td className="num">{r.bookedHoursRounded}</td>
                    <td className="num">{r.invoicedHoursRounded}</td>
                    <td className="num">{r.attendedHoursRounded}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    {t('hours.total')}
                  </th>
                  <td className="num">{h.total.bookedHoursRounded}</td>
                  <td className="num">{h.total.invoicedHoursRounded}</td>
                  <td className="num">{h.total.attendedHoursRounded}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        <h3>{t('hours.exports')}</h3>
        <ul className="link-list">
          <li>
            <a href={fileUrl('stats.hoursCsv', { query })} download>
              {t('hours.csv')}
            </a>
          </li>
          <li>
            <a href={fileUrl('stats.hoursXlsx', { query })} download>
              {t('hours.xlsx')}
            </a>
          </li>
          <li>
            <a href={fileUrl('stats.summaryPdf', { query })} download>
              {t('hours.pdf')}
            </a>
          </li>
        </ul>
        <details className="stats-rules">
          <summary>{t('rounding.title')}</summary>
          <ul>
            <li>{t('rounding.unit')}</li>
            <li>{t('rounding.total')}</li>
            <li>{t('rounding.attended')}</li>
            <li>{t('rounding.invoiced')}</li>
            <li>{t('rounding.age')}</li>
            <li>{t('rounding.residence')}</li>
          </ul>
          <h3>{t('rounding.durations')}</h3>
          <ul>
            {h.durations.map((d) => (
              <li key={d.unitId}>
                {d.activityName} — {d.unitLabel} :{' '}
                {d.configured ? t('rounding.durationSet', { hours: hours(d.hours) }) : t('rounding.durationDefault', { hours: hours(d.hours) })}
              </li>
            ))}
          </ul>
        </details>
      </section>

      <ChartSection
        id="occupancy"
        title={t('occupancy.title')}
        summary={
          top
            ? t('occupancy.summaryMax', { week: week(top.week), unit: unitName.get(top.unitId) ?? '', rate: percent(top.booked, top.capacity) })
            : t('empty')
        }
        chart={
          weeks.length > 0 && (
            <BarChart
              categories={weeks.map(week)}
              series={unitIds.map((u) => ({ label: unitName.get(u) ?? u, values: weeks.map((w) => { const o = occ(w, u); return o ? percent(o.booked, o.capacity) : 0; }) }))}
              max={100}
              unit="%"
            />
          )
        }
        caption={t('occupancy.caption')}
        head={[t('occupancy.week'), t('occupancy.unit'), t('occupancy.booked'), t('occupancy.capacity'), t('occupancy.rate')]}
        rows={data.occupancy.map((o) => [week(o.week), unitName.get(o.unitId) ?? '', o.booked, o.capacity, `${percent(o.booked, o.capacity)} %`])}
      />

      <ChartSection
        id="waiting"
        title={t('waiting.title')}
        summary={waitingTop ? t('waiting.summary', { total: waitingTotal, week: week(waitingTop), count: waitingOf(waitingTop) }) : t('waiting.summaryNone')}
        chart={waitingWeeks.length > 0 && <BarChart categories={waitingWeeks.map(week)} series={[{ label: t('waiting.waiting'), values: waitingWeeks.map(waitingOf) }]} />}
        caption={t('waiting.caption')}
        head={[t('waiting.week'), t('waiting.unit'), t('waiting.waiting')]}
        rows={data.waiting.map((w) => [week(w.week), unitName.get(w.unitId) ?? '', w.waiting])}
      />

      <ChartSection
        id="noshows"
        title={t('noShows.title')}
        summary={booked > 0 ? t('noShows.summary', { booked, absent: justified + unjustified, rate: percent(justified + unjustified, booked), justified, unjustified, unmarked }) : t('empty')}
        chart={
          showWeeks.length > 0 && (
            <BarChart
              categories={showWeeks.map(week)}
              series={[
                { label: t('noShows.justified'), values: showWeeks.map((w) => sum(showsOf(w), (n) => n.absentJustified)) },
                { label: t('noShows.unjustified'), values: showWeeks.map((w) => sum(showsOf(w), (n) => n.absentUnjustified)) },
              ]}
            />
          )
        }
        caption={t('noShows.caption')}
        head={[t('noShows.week'), t('noShows.unit'), t('noShows.booked'), t('noShows.justified'), t('noShows.unjustified'), t('noShows.unmarked')]}
        rows={data.noShows.map((n) => [week(n.week), unitName.get(n.unitId) ?? '', n.booked, n.absentJustified, n.absentUnjustified, n.unmarked])}
      />

      <ChartSection
        id="revenue"
        title={t('revenue.title')}
        summary={t('revenue.summary', { invoiced: formatEuros(invoiced), credited: formatEuros(credited), collected: formatEuros(collected) })}
        chart={
          <BarChart
            categories={data.revenue.map((r) => shortMonth(r.month))}
            series={[
              { label: t('revenue.invoiced'), values: data.revenue.map((r) => r.invoicedCents) },
              { label: t('revenue.collected'), values: data.revenue.map((r) => r.collectedCents) },
            ]}
            format={(c) => formatEuros(c)}
          />
        }
        caption={t('revenue.caption')}
        head={[t('revenue.month'), t('revenue.invoiced'), t('revenue.credited'), t('revenue.collected')]}
        rows={data.revenue.map((r) => [monthLabel(r.month), formatEuros(r.invoicedCents), formatEuros(r.creditedCents), formatEuros(r.collectedCents)])}
      />

      <ChartSection
        id="methods"
        title={t('methods.title')}
        summary={
          data.paymentMethods[0]
            ? t('methods.summary', { method: method(data.paymentMethods[0].method), share: percent(data.paymentMethods[0].amountCents, methodsTotal), total: formatEuros(methodsTotal) })
            : t('methods.summaryNone')
        }
        chart={
          data.paymentMethods.length > 0 && (
            <BarChart categories={data.paymentMethods.map((m) => method(m.method))} series={[{ label: t('methods.amount'), values: data.paymentMethods.map((m) => m.amountCents) }]} format={(c) => formatEuros(c)} />
          )
        }
        caption={t('methods.caption')}
        head={[t('methods.method'), t('methods.count'), t('methods.amount'), t('methods.share')]}
        rows={data.paymentMethods.map((m) => [method(m.method), m.count, formatEuros(m.amountCents), `${percent(m.amountCents, methodsTotal)} %`])}
      />

      <ChartSection
        id="online"
        title={t('online.title')}
        summary={t('online.summary', { bookings: percent(resOnline, resAll), payments: percent(payOnline, payAll) })}
        chart={
          <BarChart
            categories={data.online.map((o) => shortMonth(o.month))}
            series={[
              { label: t('online.bookingsShare'), values: data.online.map((o) => percent(o.reservationsOnline, o.reservationsOnline + o.reservationsStaff)) },
              { label: t('online.paymentsShare'), values: data.online.map((o) => percent(o.paymentsOnlineCents, o.paymentsOnlineCents + o.paymentsOtherCents)) },
            ]}
            max={100}
            unit="%"
          />
        }
        caption={t('online.caption')}
        head={[t('online.month'), t('online.reservationsOnline'), t('online.reservationsStaff'), t('online.paymentsOnline'), t('online.paymentsOther')]}
        rows={data.online.map((o) => [monthLabel(o.month), o.reservationsOnline, o.reservationsStaff, formatEuros(o.paymentsOnlineCents), formatEuros(o.paymentsOtherCents)])}
      />
    </>
  );
}

/** A chart's section: heading, summary sentence, the chart, its data table in a disclosure. */
function ChartSection({ id, title, summary, chart, caption, head, rows }: { id: string; title: string; summary: string; chart: ReactNode; caption: string; head: string[]; rows: (string | number)[][] }) {
  const { t } = useTranslation('stats');
  return (
    <section className="stats-section" aria-labelledby={`stats-${id}`}>
      <h2 id={`stats-${id}`}>{title}</h2>
      <p className="stats-summary">{summary}</p>
      {chart}
      {rows.length > 0 && (
        <details className="stats-data">
          <summary>{t('showTable', { title })}</summary>
          <div className="table-wrap" role="region" aria-labelledby={`stats-${id}-caption`} tabIndex={0}>
            <table className="table">
              <caption id={`stats-${id}-caption`} className="table__caption">
                {caption}
              </caption>
              <thead>
                <tr>
                  {head.map((x, i) => (
                    <th scope="col" key={x} className={i > 1 || (head.length <= 4 && i > 0) ? 'num' : undefined}>
                      {x}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((c, j) =>
                      j === 0 ? (
                        <th scope="row" key={j}>
                          {c}
                        </th>
                      ) : (
                        <td key={j} className={typeof c === 'number' || /\d/.test(String(c)) ? 'num' : undefined}>
                          {c}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}

/** Fills with AA contrast against white (≥ 4.5:1), each with its own pattern: a series is never told by colour alone. */
const FILLS = ['url(#stats-solid)', 'url(#stats-hatch)', 'url(#stats-dots)', 'url(#stats-cross)'];
const SWATCH = ['stats-swatch--solid', 'stats-swatch--hatch', 'stats-swatch--dots', 'stats-swatch--cross'];

/**
 * Grouped vertical bars. The drawing is hidden from assistive technologies: its sentence and its table say it all.
 * Values are written on the bars when they fit.
 */
function BarChart({ categories, series, max, unit = '', format }: { categories: string[]; series: { label: string; values: number[] }[]; max?: number; unit?: string; format?: (v: number) => string }) {
  const show = (v: number) => (format ? format(v) : `${v}${unit ? ` ${unit}` : ''}`);
  const top = Math.max(max ?? 0, ...series.flatMap((s) => s.values), 1);
  const groupW = Math.max(12, Math.min(90, 900 / Math.max(1, categories.length)));
  const barW = Math.max(3, (groupW - 6) / Math.max(1, series.length));
  const plotH = 180;
  const left = 8;
  const width = left + categories.length * groupW + 8;
  const labels = categories.length * series.length <= 16;
  const every = Math.ceil(categories.length / 14);
  return (
    <figure className="stats-chart">
      <ul className="stats-legend">
        {series.map((s, i) => (
          <li key={s.label}>
            <span className={`stats-swatch ${SWATCH[i % SWATCH.length]}`} aria-hidden="true" />
            {s.label}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${width} ${plotH + 60}`} aria-hidden="true" focusable="false" className="stats-svg" style={{ maxWidth: `${Math.max(width, 320)}px` }}>
        <defs>
          <pattern id="stats-solid" width="4" height="4" patternUnits="userSpaceOnUse">
            <rect width="4" height="4" fill="#1d4f91" />
          </pattern>
          <pattern id="stats-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#ffffff" />
            <rect width="3.5" height="6" fill="#9a3d00" />
          </pattern>
          <pattern id="stats-dots" width="5" height="5" patternUnits="userSpaceOnUse">
            <rect width="5" height="5" fill="#1e5e2c" />
            <circle cx="2.5" cy="2.5" r="1.2" fill="#ffffff" />
          </pattern>
          <pattern id="stats-cross" width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" fill="#5b2a86" />
            <path d="M0 3h6M3 0v6" stroke="#ffffff" strokeWidth="1" />
          </pattern>
        </defs>
        <line x1={left} x2={width - 4} y1={plotH + 10} y2={plotH + 10} stroke="#333" />
        {categories.map((c, ci) => (
          <g key={ci}>
            {series.map((s, si) => {
              const v = s.values[ci] ?? 0;
              const hgt = (v / top) * plotH;
              const x = left + ci * groupW + 3 + si * barW;
              return (
                <g key={si}>
                  <rect x={x} y={plotH + 10 - hgt} width={barW - 1} height={hgt} fill={FILLS[si % FILLS.length]} stroke="#222" strokeWidth={hgt > 0 ? 0.5 : 0} />
                  {labels && (
                    <text x={x + (barW - 1) / 2} y={plotH + 6 - hgt} textAnchor="middle" fontSize="10" fill="#222">
                      {show(v)}
                    </text>
                  )}
                </g>
              );
            })}
            {ci % every === 0 && (
              <text x={left + ci * groupW + groupW / 2} y={plotH + 26} textAnchor="middle" fontSize="10" fill="#222">
                {c}
              </text>
            )}
          </g>
        ))}
      </svg>
    </figure>
  );
}
