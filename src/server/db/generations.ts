import { sql } from 'kysely';
import type { Executor } from './write.js';

/**
 * Configuration generations (migration 0009): a counter per configuration scope (`catalog`, `documents`), bumped by
 * a trigger in the same transaction as every write to that scope's tables. Hot paths (the booking grid, a booking)
 * read all counters in one small query, then take the configuration from a per-instance cache that is valid while
 * its scope's counter has not moved. Several instances stay correct: a change commits with its bump, so a request
 * that starts after the change was acknowledged reads the new counter and reloads.
 */
export type Generations = ReadonlyMap<string, number>;

/** Every scope's counter, in one query. */
export async function readGenerations(db: Executor): Promise<Generations> {
  const r = await sql<{ scope: string; generation: string | number }>`select scope, generation from config_generation`.execute(db);
  return new Map(r.rows.map((x) => [x.scope, Number(x.generation)]));
}

/**
 * Values loaded from one scope's tables, kept per database (the `db` object given: an application's connection,
 * never a transaction) for as long as the scope's generation stays the one they were loaded at. Values are shared
 * by concurrent requests: they must be treated as read-only (loaders freeze what they return).
 */
export class GenerationCache<V> {
  private readonly perDb = new WeakMap<object, { generation: number; values: Map<string, Promise<V>> }>();

  constructor(
    readonly scope: string,
    private readonly maxEntries = 1000,
  ) {}

  get(db: object, gens: Generations, key: string, load: () => Promise<V>): Promise<V> {
    const generation = gens.get(this.scope);
    if (generation === undefined) return load();
    let c = this.perDb.get(db);
    if (!c || c.generation < generation) this.perDb.set(db, (c = { generation, values: new Map() }));
    // a request that read the counters before a newer one reloaded: served from the tables, never cached
    else if (c.generation > generation) return load();
    const hit = c.values.get(key);
    if (hit) return hit;
    if (c.values.size >= this.maxEntries) c.values.clear();
    const values = c.values;
    const p = load();
    values.set(key, p);
    p.catch(() => values.delete(key));
    return p;
  }
}

/** Freezes a loaded value and what it holds (plain objects and arrays), so that a shared cached value cannot be changed. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
