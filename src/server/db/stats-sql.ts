/**
 * SQL fragments of the statistics (issue 15, docs/statistics.md) written once for both dialects, used by the owning
 * modules' grouped queries (booking.stats.ts, billing.stats.ts). Days are stored as 'YYYY-MM-DD' text.
 */
import { sql, type Expression, type RawBuilder } from 'kysely';

type Operand<T> = Expression<T> | RawBuilder<T>;

/**
 * « The child is six or older on that day »: the two days as yyyymmdd numbers, the difference ≥ 60000 (a birthday
 * counts from the day itself; born on 29 February, from 1 March in a common year). 1 or 0.
 */
export function sixOrOlderSql(day: Operand<string>, birth: Operand<string>): RawBuilder<number> {
  return sql<number>`case when cast(replace(${day}, '-', '') as integer) - cast(replace(${birth}, '-', '') as integer) >= 60000 then 1 else 0 end`;
}

/**
 * The index of the quotient band: bounds are increasing whole upper bounds, inclusive (band i = above bound i-1, up
 * to bound i); the last band is above every bound; -1 when the quotient is unknown. The bounds are written as
 * literals (validated integers), so PostgreSQL can group by the expression.
 */
export function quotientBandSql(quotient: Operand<number | null>, bounds: readonly number[]): RawBuilder<number> {
  const whens = bounds.map((b, i) => sql`when ${quotient} <= ${sql.lit(Math.trunc(b))} then ${sql.lit(i)}`);
  return sql<number>`case when ${quotient} is null then -1 ${sql.join(whens, sql` `)} else ${sql.lit(bounds.length)} end`;
}
