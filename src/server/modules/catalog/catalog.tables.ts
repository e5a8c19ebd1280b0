import type { ColumnType } from 'kysely';

export interface EstablishmentTable {
  id: string;
  name: string;
  address: string | null;
  created_at: string;
  updated_at: string;
}

export interface ActivityTable {
  id: string;
  establishment_id: string;
  name: string;
  kind: string;
  min_age: number | null;
  max_age: number | null;
  /** ISO weekdays, comma-separated: "1,2,4,5" */
  open_weekdays: string;
  school_holidays: 'ignore' | 'closed' | 'only';
  /** JSON DeadlinePolicy */
  booking_policy: string;
  cancellation_policy: string;
  waitlist_mode: 'auto' | 'staff';
  /** « paiement à la réservation » (issue 13, migration 0024): 1 = booked days are held until paid online */
  pay_at_booking: ColumnType<number, number | undefined, number>;
  /** minutes the days stay held while the family pays (5–1440) */
  hold_minutes: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
}

export interface UnitTable {
  id: string;
  activity_id: string;
  code: string;
  label: string;
  position: number;
  default_capacity: number;
  /** code of the unit needed the same day, or null */
  requires_code: string | null;
  /** comma-separated codes of the units that cannot be held the same day ('' for none) */
  excludes_codes: string;
  /** 'HH:MM' in Paris time, for deadline rules counted from the unit's start; null = from 00:00 */
  start_time: string | null;
}

export interface PeriodTable {
  id: string;
  activity_id: string;
  label: string;
  start_day: string;
  end_day: string;
  opens_at: string;
  closes_at: string;
}

export interface ClosureTable {
  id: string;
  establishment_id: string;
  activity_id: string | null;
  day: string;
  reason: string;
}

export interface SchoolHolidayTable {
  id: string;
  label: string;
  start_day: string;
  end_day: string;
  source: 'staff' | 'ics';
}

export interface PartialDB {
  establishment: EstablishmentTable;
  activity: ActivityTable;
  unit: UnitTable;
  period: PeriodTable;
  closure: ClosureTable;
  school_holiday: SchoolHolidayTable;
}
