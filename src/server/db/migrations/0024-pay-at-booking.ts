import { sql, type Kysely } from 'kysely';

/**
 * Issue 13, « Paiement à la réservation » (docs/money.md):
 *   - catalog: per activity, `pay_at_booking` (0/1) and `hold_minutes` (how long booked days are held while the
 *     family pays, 5–1440, 30 by default);
 *   - booking: the basket (`booking_basket`: the days a family booked at once for a pay-at-booking activity, held
 *     until `expires_at`, state held → paid | expired | cancelled, the billing invoice that prices them) and its days
 *     (`booking_basket_day`: child, unit, day, price in cents, the booking that holds the place, state
 *     held → paid | released | cancelled). The places themselves are the booking engine's (booking + unit_day):
 *     a held day is an accepted booking, counted against capacity.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const check = (expr: string) => sql.raw(expr);
  await db.schema
    .alterTable('activity')
    .addColumn('pay_at_booking', 'integer', (c) => c.notNull().defaultTo(0).check(check('pay_at_booking in (0, 1)')))
    .execute();
  await db.schema
    .alterTable('activity')
    .addColumn('hold_minutes', 'integer', (c) => c.notNull().defaultTo(30).check(check('hold_minutes between 5 and 1440')))
    .execute();

  await db.schema
    .createTable('booking_basket')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('family.id'))
    .addColumn('child_id', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    // the reservation whose accepted days it holds (one basket per reservation)
    .addColumn('reservation_id', 'integer', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) => c.notNull().check(check("state in ('held', 'paid', 'expired', 'cancelled')")))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    // billing's invoice (numbered at the hold; an expired basket's is cancelled by a credit note)
    .addColumn('invoice_id', 'integer', (c) => c.notNull())
    .addColumn('invoice_number', 'text', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull().check(check('total_cents > 0')))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('booking_basket_due_idx').on('booking_basket').columns(['state', 'expires_at']).execute();
  await db.schema.createIndex('booking_basket_family_idx').on('booking_basket').columns(['family_id', 'created_at']).execute();
  await db.schema.createIndex('booking_basket_invoice_idx').on('booking_basket').column('invoice_id').execute();

  await db.schema
    .createTable('booking_basket_day')
    .addColumn('basket_id', 'text', (c) => c.notNull().references('booking_basket.id'))
    .addColumn('child_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('price_cents', 'integer', (c) => c.notNull().check(check('price_cents >= 0')))
    // the booking holding the place (null once released or cancelled: a booking row is deleted then)
    .addColumn('booking_id', 'integer')
    .addColumn('state', 'text', (c) => c.notNull().check(check("state in ('held', 'paid', 'released', 'cancelled')")))
    .addPrimaryKeyConstraint('booking_basket_day_pk', ['basket_id', 'unit_id', 'day'])
    .execute();
  await db.schema.createIndex('booking_basket_day_booking_idx').on('booking_basket_day').column('booking_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('booking_basket_day').ifExists().execute();
  await db.schema.dropTable('booking_basket').ifExists().execute();
  await db.schema.alterTable('activity').dropColumn('hold_minutes').execute();
  await db.schema.alterTable('activity').dropColumn('pay_at_booking').execute();
}
