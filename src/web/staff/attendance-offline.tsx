/**
 * « Pointage sur tablette » (issue 15): the offline attendance app, installable (pointage.webmanifest), for an agent's
 * phone or tablet. Choose an establishment and a day (today by default); per unit, the children expected with their
 * allergy/PAI flags and who may pick them up; mark arrival and departure (with the time), absence (justified or
 * not), presence without booking. Today's lists and the marks not yet sent are kept in IndexedDB
 * (attendance-store.ts); the marks are sent when the network is there (attendance-sync.ts). The service worker
 * (/sw.js) serves this page's shell offline.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceDay, AttendanceLine } from '../../shared/attendance-contracts.js';
import type { AttendanceStatus } from '../../shared/booking-contracts.js';
import type { StaffChildSummary } from '../../shared/child-contracts.js';
import { ApiError, call } from '../api/client.js';
import { PageHeading, usePageTitle } from '../app/page.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { formatDay } from '../i18n/format.js';
import { Button } from '../ui/button.js';
import { StatusMessage } from '../ui/status-message.js';
import * as store from './attendance-store.js';
import { clockTime } from './attendance-time.js';
import { flushQueue, type SyncState } from './attendance-sync.js';
import '../ui/pointage.css';

const SYNC_EVERY_MS = 30_000;

interface ShownLine extends AttendanceLine {
  /** the line shows a mark made on this device that the server has not acknowledged yet */
  pending: boolean;
  /** a child added on this device (presence without booking) whose flags the server has not sent yet */
  flagsUnknown: boolean;
}

/** A child not expected that day (marked present without booking): no flags known on the device until the next sync. */
function unexpectedLine(unitId: string, day: string, child: ShownLine['child']): ShownLine {
  return {
    unitId,
    day,
    child,
    expected: false,
    allergy: false,
    carePlan: false,
    pickups: [],
    status: null,
    arrivedAt: null,
    departedAt: null,
    markedAt: null,
    markId: null,
    history: [],
    pending: true,
    flagsUnknown: true,
  };
}

/** The server's lines with the device's queued marks on top (a queued mark is newer than what it overlays). */
function overlay(day: AttendanceDay | null, queue: store.QueuedMark[]): { unitId: string; activity: string; unit: string; lines: ShownLine[] }[] {
  if (!day) return [];
  return day.units.map((u) => {
    const lines: ShownLine[] = u.lines.map((l) => ({ ...l, pending: false, flagsUnknown: false }));
    for (const m of queue) {
      if (m.unitId !== u.unit.id || m.day !== day.day) continue;
      let line = lines.find((l) => l.child.id === m.childId);
      if (!line) {
        line = unexpectedLine(m.unitId, m.day, m.child);
        lines.push(line);
      }
      if (line.markedAt && line.markedAt > m.markedAt) continue;
      Object.assign(line, { status: m.status, arrivedAt: m.arrivedAt, departedAt: m.departedAt, markedAt: m.markedAt, pending: true });
    }
    return { unitId: u.unit.id, activity: u.activity.name, unit: u.unit.label, lines };
  });
}

export function AttendanceOfflinePage() {
  const { t } = useTranslation(['attendance', 'labels']);
  const { account } = useSession();
  usePageTitle(t('title'));
  const [online, setOnline] = useState(navigator.onLine);
  const [establishments, setEstablishments] = useState<{ id: string; name: string }[]>([]);
  const [establishmentId, setEstablishmentId] = useState('');
  const [dayValue, setDayValue] = useState(store.parisToday());
  const [day, setDay] = useState<AttendanceDay | null>(null);
  const [queue, setQueue] = useState<store.QueuedMark[]>([]);
  const [refused, setRefused] = useState<store.RefusedMark[]>([]);
  const [sync, setSync] = useState<SyncState>('idle');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const [ready, setReady] = useState(false);
  const today = store.parisToday();

  // the manifest of this app while it is shown (the portal's otherwise)
  useEffect(() => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
    const before = link?.getAttribute('href') ?? null;
    link?.setAttribute('href', '/pointage.webmanifest');
    return () => {
      if (link && before) link.setAttribute('href', before);
    };
  }, []);

  // the service worker: registered here, told what this page loaded so that it opens offline
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    void navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => {
        const assets = performance
          .getEntriesByType('resource')
          .map((e) => new URL(e.name))
          .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/'))
          .map((u) => u.pathname);
        reg.active?.postMessage({ type: 'pointage-cache', urls: [...new Set(assets)] });
      })
      .catch(() => undefined);
  }, []);

  const refreshLocal = useCallback(async () => {
    setQueue(await store.queued());
    setRefused(await store.refusedMarks());
  }, []);

  const loadDay = useCallback(
    async (estId: string, d: string, o: { quiet?: boolean } = {}) => {
      if (!estId) return;
      const stored = d === store.parisToday() ? await store.loadDay(estId, d) : undefined;
      if (stored) setDay(stored);
      if (!navigator.onLine) {
        if (!stored) {
          setDay(null);
          setLoadError(t('noListOffline'));
        }
        return;
      }
      try {
        const fresh = await call('staffAttendance.day', { query: { establishmentId: estId, day: d } });
        await store.saveDay(fresh);
        setDay(fresh);
        setLoadError(null);
        if (!o.quiet) setAnnounce(t('listLoaded', { time: clockTime(fresh.loadedAt) }));
      } catch (e) {
        if (!stored) {
          setDay(null);
          setLoadError(e instanceof ApiError ? e.message : t('loadFailed'));
        }
      }
    },
    [t],
  );

  const flush = useCallback(async () => {
    if (!(await store.queued()).length) {
      setSync('idle');
      return;
    }
    setSync('sending');
    const r = await flushQueue();
    setSync(r.state);
    await refreshLocal();
    if (r.lines.length && establishmentId) {
      const stored = await store.loadDay(establishmentId, dayValue);
      if (stored) setDay(stored);
      else setDay((d) => (d ? mergeInto(d, r.lines) : d));
    }
  }, [refreshLocal, establishmentId, dayValue]);

  // opening: the account for offline use, another day's data dropped, the establishments, the stored choice
  useEffect(() => {
    let live = true;
    void (async () => {
      store.reopenStore();
      if (account) await store.rememberAccount(account);
      await store.dropOtherDays();
      let list = (await store.getMeta<{ id: string; name: string }[]>('establishments')) ?? [];
      if (navigator.onLine) {
        try {
          const catalog = await call('catalog.get');
          list = catalog.establishments.map((e) => ({ id: e.id, name: e.name }));
          await store.setMeta('establishments', list);
        } catch {
          /* the stored list, if any */
        }
      }
      const chosen = (await store.getMeta<string>('establishment')) ?? list[0]?.id ?? '';
      if (!live) return;
      setEstablishments(list);
      setEstablishmentId(list.some((e) => e.id === chosen) ? chosen : (list[0]?.id ?? ''));
      await refreshLocal();
      setReady(true);
    })();
    return () => {
      live = false;
    };
  }, [account, refreshLocal]);

  useEffect(() => {
    if (!ready || !establishmentId) return;
    void store.setMeta('establishment', establishmentId);
    void loadDay(establishmentId, dayValue).then(() => flush());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, establishmentId, dayValue]);

  // the network comes and goes; a periodic sending and, online, a fresh list (other agents' marks)
  useEffect(() => {
    const up = () => {
      setOnline(true);
      void flush().then(() => loadDay(establishmentId, dayValue, { quiet: true }));
    };
    const down = () => {
      setOnline(false);
      setSync('offline');
    };
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    const timer = window.setInterval(() => {
      if (store.parisToday() !== today) {
        // midnight: yesterday's lists leave the device and the screen; the new day's list is loaded
        void store.dropOtherDays();
        setDay(null);
        setDayValue(store.parisToday());
      }
      void flush();
    }, SYNC_EVERY_MS);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      window.clearInterval(timer);
    };
  }, [flush, loadDay, establishmentId, dayValue, today]);

  const units = useMemo(() => overlay(day, queue), [day, queue]);

  async function mark(line: ShownLine, next: { status: AttendanceStatus | null; arrivedAt: string | null; departedAt: string | null }, said: string) {
    if (!account) return;
    const m: store.QueuedMark = {
      id: store.newId(),
      unitId: line.unitId,
      day: line.day,
      childId: line.child.id,
      ...next,
      markedAt: new Date().toISOString(),
      accountId: account.id,
      child: line.child,
    };
    await store.queueMark(m);
    await refreshLocal();
    setAnnounce(said);
    if (navigator.onLine) void flush();
  }

  const pending = queue.length;
  const banner = !online
    ? pending
      ? t('banner.offlinePending', { count: pending })
      : t('banner.offline')
    : sync === 'signin'
      ? t('banner.signIn', { count: pending })
      : pending
        ? t('banner.sending', { count: pending })
        : t('banner.online');

  const nameOf = (l: { child: { firstName: string; lastName: string } }) => `${l.child.firstName} ${l.child.lastName.toUpperCase()}`;

  return (
    <div className="pointage">
      <Link to="/agent/pointage" className="back-link">
        {t('back')}
      </Link>
      <PageHeading>{t('title')}</PageHeading>
      <p className={`pointage__banner ${online ? 'pointage__banner--online' : 'pointage__banner--offline'}`} role="status" aria-live="polite" aria-atomic="true">
        <span aria-hidden="true" className="pointage__dot" /> {banner}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      <p className="hint">{t('intro')}</p>

      <form className="pointage__choose" onSubmit={(e: FormEvent) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="pointage-etablissement">{t('establishment')}</label>
          <select id="pointage-etablissement" value={establishmentId} onChange={(e) => setEstablishmentId(e.target.value)}>
            {establishments.length === 0 && <option value="">{t('noEstablishment')}</option>}
            {establishments.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pointage-jour">{t('day')}</label>
          <input id="pointage-jour" type="date" value={dayValue} onChange={(e) => /^\d{4}-\d{2}-\d{2}$/.test(e.target.value) && setDayValue(e.target.value)} />
        </div>
        <div className="field">
          <Button variant="secondary" onClick={() => void loadDay(establishmentId, dayValue)} aria-disabled={!online || undefined}>
            {t('reload')}
          </Button>
        </div>
      </form>
      {dayValue !== today && <p className="hint">{t('otherDay')}</p>}

      {refused.length > 0 && (
        <div className="status status--warning" role="alert">
          <div className="status__body">
            <p className="status__title">{t('refused.title', { count: refused.length })}</p>
            <ul>
              {refused.map((r) => (
                <li key={r.id}>
                  {r.childName} : {r.message}
                </li>
              ))}
            </ul>
            <Button variant="secondary" onClick={() => void store.clearRefused().then(refreshLocal)}>
              {t('refused.ok')}
            </Button>
          </div>
        </div>
      )}

      {loadError && <StatusMessage tone="warning">{loadError}</StatusMessage>}
      {day && (
        <p className="hint">
          {t('loadedAt', { day: formatDay(day.day), time: clockTime(day.loadedAt) })}
        </p>
      )}
      {day && units.length === 0 && <p className="empty">{t('noUnit')}</p>}

      {units.map((u) => (
        <section key={u.unitId} className="pointage__unit" aria-labelledby={`unite-${u.unitId}`}>
          <h2 id={`unite-${u.unitId}`}>
            {u.activity} — {u.unit}
          </h2>
          <p>{t('unitSummary', { expected: u.lines.filter((l) => l.expected).length, marked: u.lines.filter((l) => l.status).length })}</p>
          {u.lines.length === 0 ? (
            <p className="empty">{t('noChild')}</p>
          ) : (
            <ul className="pointage__list">
              {u.lines.map((l) => (
                <ChildCard key={l.child.id} line={l} name={nameOf(l)} onMark={mark} />
              ))}
            </ul>
          )}
        </section>
      ))}

      {day && units.length > 0 && <AddUnbooked online={online} units={units} day={day.day} onAdd={mark} />}
    </div>
  );
}

function mergeInto(d: AttendanceDay, lines: AttendanceLine[]): AttendanceDay {
  return {
    ...d,
    units: d.units.map((u) => {
      const mine = lines.filter((l) => l.unitId === u.unit.id && l.day === d.day);
      if (!mine.length) return u;
      const rest = u.lines.filter((l) => !mine.some((m) => m.child.id === l.child.id));
      return { ...u, lines: [...rest, ...mine] };
    }),
  };
}

type MarkFn = (line: ShownLine, next: { status: AttendanceStatus | null; arrivedAt: string | null; departedAt: string | null }, said: string) => Promise<void>;

function ChildCard({ line, name, onMark }: { line: ShownLine; name: string; onMark: MarkFn }) {
  const { t } = useTranslation(['attendance', 'labels']);
  const present = line.status === 'present' || line.status === 'present_unbooked';
  const id = `enfant-${line.unitId}-${line.child.id}`;
  const now = () => new Date().toISOString();
  let state: string;
  if (present && line.departedAt) state = t('state.departed', { arrived: line.arrivedAt ? clockTime(line.arrivedAt) : '—', time: clockTime(line.departedAt) });
  else if (present && line.arrivedAt) state = t('state.arrived', { time: clockTime(line.arrivedAt) });
  else if (line.status) state = t(`labels:attendance.${line.status}`);
  else state = t('state.none');

  return (
    <li className={`pointage__child${line.status ? ' pointage__child--marked' : ''}`} aria-labelledby={id}>
      <h3 id={id}>{name}</h3>
      <p className="pointage__meta">
        {line.expected ? t('expected') : t('unbooked')} · {t('born', { date: formatDay(line.child.birthDate) })}
      </p>
      <ul className="pointage__flags" aria-label={t('flags.label', { name })}>
        {line.flagsUnknown ? (
          <li className="pointage__flag pointage__flag--unknown">{t('flags.unknown')}</li>
        ) : (
          <>
            {line.allergy && (
              <li className="pointage__flag pointage__flag--alert">
                <FlagIcon /> {t('flags.allergy')}
              </li>
            )}
            {line.carePlan && (
              <li className="pointage__flag pointage__flag--alert">
                <FlagIcon /> {t('flags.carePlan')}
              </li>
            )}
            {!line.allergy && !line.carePlan && <li className="pointage__flag">{t('flags.none')}</li>}
          </>
        )}
      </ul>
      <p className="pointage__state">
        <strong>{state}</strong>
        {line.pending && <span className="pointage__pending"> — {t('state.pending')}</span>}
      </p>
      <div className="pointage__actions" role="group" aria-label={t('actions', { name })}>
        {!present && (
          <Button onClick={() => { const at = now(); void onMark(line, { status: line.expected ? 'present' : 'present_unbooked', arrivedAt: at, departedAt: null }, t('said.arrived', { name, time: clockTime(at) })); }}>
            {t('do.arrive', { name })}
          </Button>
        )}
        {present && !line.departedAt && (
          <Button onClick={() => { const at = now(); void onMark(line, { status: line.status, arrivedAt: line.arrivedAt ?? at, departedAt: at }, t('said.departed', { name, time: clockTime(at) })); }}>
            {t('do.depart', { name })}
          </Button>
        )}
        {line.expected && line.status !== 'absent_justified' && !present && (
          <Button variant="secondary" onClick={() => void onMark(line, { status: 'absent_justified', arrivedAt: null, departedAt: null }, t('said.absent', { name, status: t('labels:attendance.absent_justified') }))}>
            {t('do.absentJustified', { name })}
          </Button>
        )}
        {line.expected && line.status !== 'absent_unjustified' && !present && (
          <Button variant="secondary" onClick={() => void onMark(line, { status: 'absent_unjustified', arrivedAt: null, departedAt: null }, t('said.absent', { name, status: t('labels:attendance.absent_unjustified') }))}>
            {t('do.absentUnjustified', { name })}
          </Button>
        )}
        {present && line.departedAt && (
          <Button variant="secondary" onClick={() => void onMark(line, { status: line.status, arrivedAt: line.arrivedAt, departedAt: null }, t('said.undoDeparture', { name }))}>
            {t('do.undoDeparture', { name })}
          </Button>
        )}
        {line.status && (
          <Button variant="link" onClick={() => void onMark(line, { status: null, arrivedAt: null, departedAt: null }, t('said.cleared', { name }))}>
            {t('do.clear', { name })}
          </Button>
        )}
      </div>
      <details className="pointage__details">
        <summary>{t('pickups.title', { count: line.pickups.length })}</summary>
        {line.pickups.length === 0 ? (
          <p>{t('pickups.none')}</p>
        ) : (
          <ul>
            {line.pickups.map((p, i) => (
              <li key={i}>
                {p.name}
                {p.relationship && ` (${p.relationship})`}
                {p.phone && (
                  <>
                    {' — '}
                    <a href={`tel:${p.phone.replace(/\s/g, '')}`}>{p.phone}</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </details>
      {line.history.length > 0 && (
        <details className="pointage__details">
          <summary>{t('history.title', { count: line.history.length })}</summary>
          <ol className="pointage__history">
            {line.history.map((h) => (
              <li key={h.markId}>
                {t('history.entry', {
                  time: clockTime(h.markedAt),
                  by: h.by || t('history.someone'),
                  what: h.status
                    ? h.departedAt
                      ? t('state.departed', { arrived: h.arrivedAt ? clockTime(h.arrivedAt) : '—', time: clockTime(h.departedAt) })
                      : h.arrivedAt
                        ? t('state.arrived', { time: clockTime(h.arrivedAt) })
                        : t(`labels:attendance.${h.status}`)
                    : t('history.cleared'),
                })}
                {h.outcome === 'overtaken' && <> — {t('history.overtaken')}</>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}

function FlagIcon() {
  return (
    <svg className="pointage__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M8 1 15 14H1z" fill="currentColor" />
      <path d="M7.2 5.5h1.6v4.5H7.2zM7.2 11h1.6v1.6H7.2z" fill="#fff" />
    </svg>
  );
}

/** « Présent sans réservation »: find a child who came without a booking (needs the network), mark the arrival. */
function AddUnbooked({ online, units, day, onAdd }: { online: boolean; units: { unitId: string; activity: string; unit: string; lines: ShownLine[] }[]; day: string; onAdd: MarkFn }) {
  const { t } = useTranslation('attendance');
  const [q, setQ] = useState('');
  const [unitId, setUnitId] = useState(units[0]?.unitId ?? '');
  const [results, setResults] = useState<StaffChildSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!units.some((u) => u.unitId === unitId)) setUnitId(units[0]?.unitId ?? '');
  }, [units, unitId]);
  const listed = new Set(units.find((u) => u.unitId === unitId)?.lines.map((l) => l.child.id) ?? []);

  async function search(e: FormEvent) {
    e.preventDefault();
    if (!q.trim() || !online) return;
    try {
      setResults(await call('staffChildren.search', { query: { q: q.trim() } }));
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('loadFailed'));
    }
  }

  return (
    <section className="pointage__unbooked" aria-labelledby="pointage-sans-reservation">
      <h2 id="pointage-sans-reservation">{t('unbookedChild.title')}</h2>
      {!online && <p className="hint">{t('unbookedChild.offline')}</p>}
      <form role="search" aria-label={t('unbookedChild.searchLabel')} onSubmit={search} className="pointage__choose" noValidate>
        <div className="field">
          <label htmlFor="pointage-unite">{t('unbookedChild.unit')}</label>
          <select id="pointage-unite" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            {units.map((u) => (
              <option key={u.unitId} value={u.unitId}>
                {u.activity} — {u.unit}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pointage-recherche">{t('unbookedChild.q')}</label>
          <input id="pointage-recherche" ref={input} type="search" autoComplete="off" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <Button type="submit" variant="secondary" aria-disabled={!online || undefined}>
            {t('unbookedChild.search')}
          </Button>
        </div>
      </form>
      {error && <StatusMessage tone="warning">{error}</StatusMessage>}
      {results && results.filter((c) => !listed.has(c.id)).length === 0 && <p className="empty">{t('unbookedChild.noMatch', { q })}</p>}
      {results && (
        <ul className="link-list">
          {results
            .filter((c) => !listed.has(c.id))
            .slice(0, 10)
            .map((c) => {
              const name = `${c.firstName} ${c.lastName.toUpperCase()}`;
              return (
                <li key={c.id}>
                  {t('unbookedChild.result', { name, date: formatDay(c.birthDate), family: c.familyName })}{' '}
                  <Button
                    variant="secondary"
                    onClick={() => {
                      const at = new Date().toISOString();
                      const line = unexpectedLine(unitId, day, { id: c.id, firstName: c.firstName, lastName: c.lastName, birthDate: c.birthDate });
                      void onAdd(line, { status: 'present_unbooked', arrivedAt: at, departedAt: null }, t('said.arrived', { name, time: clockTime(at) })).then(() => {
                        setResults(null);
                        setQ('');
                      });
                    }}
                  >
                    {t('unbookedChild.add', { name })}
                  </Button>
                </li>
              );
            })}
        </ul>
      )}
    </section>
  );
}
