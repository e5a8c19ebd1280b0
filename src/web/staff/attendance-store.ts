/**
 * What the offline attendance app (issue 15, /agent/pointage/tablette) keeps on the device, in IndexedDB
 * (database « pf-pointage »):
 *   - meta: the signed-in staff account (to open the app again offline, the same day only), the chosen
 *     establishment, the establishments to choose from, the device's id;
 *   - lists: the day's lists of an establishment (children, allergy/PAI flags, pick-up persons) — today's only;
 *   - queue: the marks made on the device and not yet acknowledged by the server (no health data);
 *   - refused: the marks the server refused, with its sentence, until the agent has read them.
 * Wiped at the end of the day (lists, account), at logout and when a non-staff account signs in (everything).
 */
import type { AccountView } from '../../shared/contracts.js';
import type { AttendanceDay, AttendanceLine, AttendanceMarkInput } from '../../shared/attendance-contracts.js';

export const POINTAGE_PATH = '/agent/pointage/tablette';
const DB_NAME = 'pf-pointage';
const FLAG = 'pf-pointage';
type Store = 'meta' | 'lists' | 'queue' | 'refused';

/** A mark waiting for the network, with the child's name to show it meanwhile (never health data). */
export interface QueuedMark extends Required<Omit<AttendanceMarkInput, 'arrivedAt' | 'departedAt'>> {
  arrivedAt: string | null;
  departedAt: string | null;
  accountId: string;
  child: { id: string; firstName: string; lastName: string; birthDate: string };
}

export interface RefusedMark {
  id: string;
  childName: string;
  message: string;
}

/** Today in Paris, YYYY-MM-DD. */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

let dbPromise: Promise<IDBDatabase> | null = null;
/** Set by a wipe: nothing reopens the store (and so recreates it) until a staff page says so. */
let closed = false;

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function open(): Promise<IDBDatabase> {
  if (closed) return Promise.reject(new Error('attendance store closed'));
  dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(DB_NAME, 1);
    r.onupgradeneeded = () => {
      const db = r.result;
      db.createObjectStore('meta');
      db.createObjectStore('lists');
      db.createObjectStore('queue', { keyPath: 'id' });
      db.createObjectStore('refused', { keyPath: 'id' });
    };
    r.onsuccess = () => {
      const db = r.result;
      // another tab wipes the store: let it
      db.onversionchange = () => {
        db.close();
        dbPromise = null;
      };
      try {
        localStorage.setItem(FLAG, '1');
      } catch {
        /* private mode: the flag only saves a wipe's work */
      }
      resolve(db);
    };
    r.onerror = () => reject(r.error);
  });
  dbPromise.catch(() => (dbPromise = null));
  return dbPromise;
}

async function tx<T>(store: Store, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await open();
  return new Promise<T | undefined>((resolve, reject) => {
    const t = db.transaction(store, mode);
    const r = fn(t.objectStore(store));
    let result: T | undefined;
    if (r) r.onsuccess = () => (result = r.result);
    t.oncomplete = () => resolve(result);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
}

/** A staff page (the app) is open: the store may be used again after a wipe. */
export function reopenStore(): void {
  closed = false;
}

export async function getMeta<T>(key: string): Promise<T | undefined> {
  return (await tx<T>('meta', 'readonly', (s) => s.get(key))) ?? undefined;
}

export async function setMeta(key: string, value: unknown): Promise<void> {
  await tx('meta', 'readwrite', (s) => s.put(value, key));
}

/** Remembers the signed-in staff account for today, so that the app opens offline (same day only). */
export async function rememberAccount(account: AccountView): Promise<void> {
  if (account.kind !== 'staff') return;
  await setMeta('account', { account, day: parisToday() });
}

/**
 * The account to open the app with when the session cannot be read (no network): today's staff account, on the
 * app's own page only. Null anywhere else, or when nothing (or another day's) is stored.
 */
export async function offlineStaffAccount(): Promise<AccountView | null> {
  if (!location.pathname.startsWith(POINTAGE_PATH) || !hasStore()) return null;
  try {
    const saved = await getMeta<{ account: AccountView; day: string }>('account');
    if (!saved || saved.day !== parisToday() || saved.account.kind !== 'staff') return null;
    bootedOffline = true;
    return saved.account;
  } catch {
    return null;
  }
}

/** The app was opened without reading the session (offline): the CSRF token must be fetched before sending. */
export let bootedOffline = false;
export function sessionRead(): void {
  bootedOffline = false;
}

export function hasStore(): boolean {
  try {
    return localStorage.getItem(FLAG) === '1';
  } catch {
    return true;
  }
}

export async function deviceId(): Promise<string> {
  const known = await getMeta<string>('deviceId');
  if (known) return known;
  const id = newId();
  await setMeta('deviceId', id);
  return id;
}

/** A random id (crypto.randomUUID needs a secure context; a tablet on the city's network may not be one). */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

const listKey = (establishmentId: string, day: string) => `${establishmentId}|${day}`;

/** Keeps an establishment's day lists on the device: today's only (another day is shown, never stored). */
export async function saveDay(day: AttendanceDay): Promise<void> {
  if (day.day !== parisToday()) return;
  await tx('lists', 'readwrite', (s) => s.put(day, listKey(day.establishment.id, day.day)));
}

export async function loadDay(establishmentId: string, day: string): Promise<AttendanceDay | undefined> {
  return (await tx<AttendanceDay>('lists', 'readonly', (s) => s.get(listKey(establishmentId, day)))) ?? undefined;
}

/** Puts the server's lines (a sync's answer) into the stored lists they belong to. */
export async function mergeLines(lines: AttendanceLine[]): Promise<void> {
  const db = await open();
  const keys = (await req(db.transaction('lists').objectStore('lists').getAllKeys())) as string[];
  for (const key of keys) {
    const day = await loadDayByKey(key);
    if (!day) continue;
    let changed = false;
    for (const line of lines) {
      if (line.day !== day.day) continue;
      const unit = day.units.find((u) => u.unit.id === line.unitId);
      if (!unit) continue;
      const i = unit.lines.findIndex((l) => l.child.id === line.child.id);
      if (i >= 0) unit.lines[i] = line;
      else unit.lines.push(line);
      changed = true;
    }
    if (changed) await tx('lists', 'readwrite', (s) => s.put(day, key));
  }
}

async function loadDayByKey(key: string): Promise<AttendanceDay | undefined> {
  return (await tx<AttendanceDay>('lists', 'readonly', (s) => s.get(key))) ?? undefined;
}

export async function queueMark(m: QueuedMark): Promise<void> {
  await tx('queue', 'readwrite', (s) => s.put(m));
}

export async function queued(): Promise<QueuedMark[]> {
  const all = (await tx<QueuedMark[]>('queue', 'readonly', (s) => s.getAll())) ?? [];
  return all.sort((a, b) => a.markedAt.localeCompare(b.markedAt));
}

export async function unqueue(ids: string[]): Promise<void> {
  if (!ids.length) return;
  await tx('queue', 'readwrite', (s) => {
    for (const id of ids) s.delete(id);
  });
}

export async function addRefused(rows: RefusedMark[]): Promise<void> {
  if (!rows.length) return;
  await tx('refused', 'readwrite', (s) => {
    for (const r of rows) s.put(r);
  });
}

export async function refusedMarks(): Promise<RefusedMark[]> {
  return (await tx<RefusedMark[]>('refused', 'readonly', (s) => s.getAll())) ?? [];
}

export async function clearRefused(): Promise<void> {
  await tx('refused', 'readwrite', (s) => s.clear());
}

/**
 * The end of the day: another day's lists (health flags) and account are wiped. Marks not sent yet stay queued (they
 * hold no health data) and are sent with the next staff session.
 */
export async function dropOtherDays(today = parisToday()): Promise<void> {
  const db = await open();
  const keys = (await req(db.transaction('lists').objectStore('lists').getAllKeys())) as string[];
  const old = keys.filter((k) => !k.endsWith(`|${today}`));
  if (old.length)
    await tx('lists', 'readwrite', (s) => {
      for (const k of old) s.delete(k);
    });
  const saved = await getMeta<{ day: string }>('account');
  if (saved && saved.day !== today) await tx('meta', 'readwrite', (s) => s.delete('account'));
}

/** Nobody is signed in on this browser any more: the lists and the account go, the unsent marks stay. */
export async function forgetHealthData(): Promise<void> {
  if (!hasStore()) return;
  reopenStore();
  await tx('lists', 'readwrite', (s) => s.clear());
  await tx('meta', 'readwrite', (s) => s.delete('account'));
}

/** Deletes the whole store (logout, a family account on this browser). */
export async function wipeAttendanceStore(): Promise<void> {
  if (!hasStore()) return;
  closed = true;
  const pending = dbPromise;
  dbPromise = null;
  if (pending) {
    try {
      (await pending).close();
    } catch {
      /* never opened */
    }
  }
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(DB_NAME);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
  try {
    localStorage.removeItem(FLAG);
  } catch {
    /* nothing kept */
  }
}
