import { registerPrivacyParticipant } from '../privacy/privacy.registry.js';
import * as repo from './booking.repo.js';

/**
 * A family's reservations (with their lines), bookings and pay-at-booking baskets in its export. On closure they
 * stay as they are: they point at the anonymized child and keep capacity and invoices adding up; nothing in them
 * names the family.
 */
export function registerBookingPrivacy(): void {
  registerPrivacyParticipant({
    name: 'booking',
    order: 100,
    exportSection: async (ctx, scope) => {
      const reservations = await repo.allReservationsOfFamily(ctx.db, scope.familyId);
      const lines = (await repo.linesOf(ctx.db, reservations.map((r) => r.id))).sort((a, b) => a.id - b.id);
      const bookings = await repo.bookingsOfFamily(ctx.db, scope.familyId);
      return { bookings, reservations: reservations.map((r) => ({ ...r, lines: lines.filter((l) => l.reservation_id === r.id) })) };
    },
    // « paiement à la réservation » (issue 13): the family's baskets and their days, under `other`
    exportRows: async (db, _ctx, familyId) => {
      const baskets = await db.selectFrom('booking_basket').selectAll().where('family_id', '=', familyId).orderBy('created_at').execute();
      const days = baskets.length ? await db.selectFrom('booking_basket_day').selectAll().where('basket_id', 'in', baskets.map((b) => b.id)).execute() : [];
      return { booking_basket: baskets, booking_basket_day: days };
    },
    erase: async () => ({ erased: {}, kept: [] }),
  });
}
