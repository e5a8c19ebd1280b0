import { registerPrivacyParticipant } from './privacy.registry.js';

/**
 * TO BE MOVED into the booking module (booking.privacy.ts, `registerBookingPrivacy`), which owns these tables: kept
 * here only while booking is being reworked by another change (issue 10). It reads reservation, reservation_line
 * and booking directly, and counts as privacy's debt in tests/architecture/table-ownership.baseline.json until it
 * moves.
 *
 * A family's reservations (with their lines) and bookings in its export. On closure they stay as they are: they
 * point at the anonymized child and keep capacity and invoices adding up; nothing in them names the family.
 */
export function registerBookingPrivacyPending(): void {
  registerPrivacyParticipant({
    name: 'booking',
    order: 100,
    exportSection: async (ctx, scope) => {
      const db = ctx.db;
      const reservations = await db.selectFrom('reservation').selectAll().where('family_id', '=', scope.familyId).orderBy('id').execute();
      const lines = reservations.length
        ? await db.selectFrom('reservation_line').selectAll().where('reservation_id', 'in', reservations.map((r) => r.id)).orderBy('id').execute()
        : [];
      const bookings = await db.selectFrom('booking').selectAll().where('family_id', '=', scope.familyId).orderBy('day').orderBy('id').execute();
      return { bookings, reservations: reservations.map((r) => ({ ...r, lines: lines.filter((l) => l.reservation_id === r.id) })) };
    },
    erase: async () => ({ erased: {}, kept: [] }),
  });
}
