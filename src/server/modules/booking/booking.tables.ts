import type { Generated } from 'kysely';

/**
 * Capacity counter of one unit on one day (CHECK 0 <= booked <= capacity): the booking engine's, every lock of
 * which is taken in (unit, day) order (booking.repo.ts). Its capacity is the unit's default until staff override it.
 */
export interface UnitDayTable {
  unit_id: string;
  day: string;
  capacity: number;
  booked: number;
  overridden: number;
}

/** A numbered batch of changes; its id is the number families see. */
export interface ReservationTable {
  id: Generated<number>;
  family_id: string;
  child_id: string;
  activity_id: string;
  period_id: string;
  kind: 'booking' | 'cancellation' | 'mixed';
  idempotency_key: string;
  request_hash: string;
  account_id: string;
  created_at: string;
}

export interface ReservationLineTable {
  id: Generated<number>;
  reservation_id: number;
  unit_id: string;
  day: string;
  action: 'book' | 'cancel';
  state: 'accepted' | 'pending' | 'waitlisted' | 'refused';
  reason: string | null;
  decided_at: string | null;
  decided_by: string | null;
}

/** A current booking (UNIQUE child, activity, day, unit). */
export interface BookingTable {
  id: Generated<number>;
  family_id: string;
  child_id: string;
  activity_id: string;
  unit_id: string;
  day: string;
  state: 'accepted' | 'pending' | 'waitlisted';
  line_id: number;
  cancel_line_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface AttendanceTable {
  child_id: string;
  unit_id: string;
  day: string;
  status: 'present' | 'absent_justified' | 'absent_unjustified' | 'present_unbooked';
  marked_by: string;
  marked_at: string;
  /** issue 15: arrival and departure instants (ISO) of the current mark, and the id of the mark that set it */
  arrived_at: string | null;
  departed_at: string | null;
  mark_id: string | null;
}

/**
 * Issue 15: every attendance mark received (from the staff page or a device's offline queue), the one that stands and
 * those overtaken by a later one. `marked_at` is the device's time of the mark; `mark_id` the client's id (UNIQUE).
 */
export interface AttendanceMarkTable {
  id: Generated<number>;
  mark_id: string;
  child_id: string;
  unit_id: string;
  day: string;
  status: AttendanceTable['status'] | null;
  arrived_at: string | null;
  departed_at: string | null;
  marked_at: string;
  received_at: string;
  marked_by: string;
  device_id: string | null;
  outcome: 'applied' | 'overtaken';
}

/**
 * « Paiement à la réservation » (issue 13, migration 0024): the days a family booked at once for a pay-at-booking
 * activity, held (accepted bookings, counted against capacity) until `expires_at` while the family pays billing's
 * invoice `invoice_id` online. held → paid (the invoice is paid) | expired (places released, invoice cancelled by a
 * credit note) | cancelled (every day cancelled before payment).
 */
export interface BookingBasketTable {
  id: string;
  family_id: string;
  child_id: string;
  activity_id: string;
  reservation_id: number;
  state: 'held' | 'paid' | 'expired' | 'cancelled';
  expires_at: string;
  invoice_id: number;
  invoice_number: string;
  total_cents: number;
  created_at: string;
  closed_at: string | null;
}

/** One held day of a basket, its price, and the booking that holds its place (null once released or cancelled). */
export interface BookingBasketDayTable {
  basket_id: string;
  child_id: string;
  unit_id: string;
  day: string;
  price_cents: number;
  booking_id: number | null;
  state: 'held' | 'paid' | 'released' | 'cancelled';
}

export interface PartialDB {
  booking_basket: BookingBasketTable;
  booking_basket_day: BookingBasketDayTable;
  reservation: ReservationTable;
  reservation_line: ReservationLineTable;
  booking: BookingTable;
  attendance: AttendanceTable;
  attendance_mark: AttendanceMarkTable;
  unit_day: UnitDayTable;
}
