/**
 * Offline attendance (issue 15): the day's lists of an establishment for an agent's phone or tablet, and the batch
 * of marks the device queued while offline. Owned by the booking module (booking.offline.ts).
 *
 *   GET  /api/staff/attendance/day   staff ?establishmentId&day → AttendanceDay (every unit of the day, minimum health data)
 *   POST /api/staff/attendance/sync  staff AttendanceSyncInput → AttendanceSyncResult
 *
 * A mark carries the whole line of one child on one unit and day as the agent left it (status, arrival and departure
 * times) and the device's time of the mark. The latest mark wins (markedAt, then the mark's id), whatever the order
 * marks arrive in; every mark is kept in the history. A mark's id is chosen by the device: the same mark sent twice
 * is recorded once.
 */
import { z } from 'zod';
import { isoDay } from './contracts.js';
import { ATTENDANCE_STATUSES } from './booking-labels.js';

/** How many marks one sync request may carry (the device sends its queue in chunks of this size). */
export const ATTENDANCE_SYNC_MAX = 200;

/** A mark's or device's id, chosen by the device (a UUID in practice). */
export const clientId = z.string({ error: 'required' }).regex(/^[A-Za-z0-9_.:-]{8,100}$/, { error: 'field.invalid' });
const instant = z.iso.datetime({ offset: true, error: 'date.invalid' });
const PRESENT = new Set(['present', 'present_unbooked']);

export const attendanceMarkInput = z
  .object({
    id: clientId,
    unitId: z.string({ error: 'required' }).min(1, { error: 'required' }).max(64, { error: 'too_long' }),
    day: isoDay,
    childId: z.string({ error: 'required' }).min(1, { error: 'required' }).max(64, { error: 'too_long' }),
    /** null clears the child's line */
    status: z.enum(ATTENDANCE_STATUSES, { error: 'choice.invalid' }).nullable(),
    arrivedAt: instant.nullable().default(null),
    departedAt: instant.nullable().default(null),
    /** the device's time of the mark: the conflict rule's clock */
    markedAt: instant,
  })
  .refine((m) => (m.arrivedAt === null && m.departedAt === null) || (m.status !== null && PRESENT.has(m.status)), {
    path: ['arrivedAt'],
    error: 'attendance.times_need_presence',
  })
  .refine((m) => m.departedAt === null || m.arrivedAt !== null, { path: ['departedAt'], error: 'attendance.departure_without_arrival' })
  .refine((m) => m.departedAt === null || m.arrivedAt === null || Date.parse(m.departedAt) >= Date.parse(m.arrivedAt), {
    path: ['departedAt'],
    error: 'attendance.departure_before_arrival',
  });
export type AttendanceMarkInput = z.input<typeof attendanceMarkInput>;
export type AttendanceMark = z.output<typeof attendanceMarkInput>;

export const attendanceSyncInput = z.object({
  deviceId: clientId.nullable().default(null),
  marks: z.array(attendanceMarkInput).min(1, { error: 'required' }).max(ATTENDANCE_SYNC_MAX, { error: 'attendance.too_many_marks' }),
});
export type AttendanceSyncInput = z.input<typeof attendanceSyncInput>;

export const attendanceDayQuery = z.object({ establishmentId: z.string().min(1).max(64), day: isoDay });

/** One mark of the history: `overtaken` when a later mark already stood when it arrived. */
export const attendanceEvent = z.object({
  markId: z.string(),
  status: z.enum(ATTENDANCE_STATUSES).nullable(),
  arrivedAt: z.string().nullable(),
  departedAt: z.string().nullable(),
  markedAt: z.string(),
  receivedAt: z.string(),
  by: z.string(),
  deviceId: z.string().nullable(),
  outcome: z.enum(['applied', 'overtaken']),
});
export type AttendanceEvent = z.infer<typeof attendanceEvent>;

/** A person who may pick the child up: name, relation and phone only. */
export const pickupPerson = z.object({ name: z.string(), relationship: z.string(), phone: z.string() });

/** One child's line on one unit and day, with the minimum the agent needs (flags, never the health details). */
export const attendanceLine = z.object({
  unitId: z.string(),
  day: z.string(),
  child: z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), birthDate: z.string() }),
  /** booked (accepted) for this unit and day */
  expected: z.boolean(),
  /** an allergy answered « oui » on the record (a flag only) */
  allergy: z.boolean(),
  /** a care plan (PAI) */
  carePlan: z.boolean(),
  pickups: z.array(pickupPerson),
  status: z.enum(ATTENDANCE_STATUSES).nullable(),
  arrivedAt: z.string().nullable(),
  departedAt: z.string().nullable(),
  markedAt: z.string().nullable(),
  markId: z.string().nullable(),
  history: z.array(attendanceEvent),
});
export type AttendanceLine = z.infer<typeof attendanceLine>;

export const attendanceDay = z.object({
  establishment: z.object({ id: z.string(), name: z.string() }),
  day: z.string(),
  /** the server's time of the answer */
  loadedAt: z.string(),
  units: z.array(
    z.object({
      activity: z.object({ id: z.string(), name: z.string() }),
      unit: z.object({ id: z.string(), code: z.string(), label: z.string(), startTime: z.string().nullable() }),
      lines: z.array(attendanceLine),
    }),
  ),
});
export type AttendanceDay = z.infer<typeof attendanceDay>;

export const SYNC_OUTCOMES = ['applied', 'overtaken', 'duplicate', 'refused'] as const;
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number];

export const attendanceSyncResult = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      outcome: z.enum(SYNC_OUTCOMES),
      /** refused: the error code and its sentence in the request's language */
      code: z.string().nullable(),
      message: z.string().nullable(),
    }),
  ),
  /** the resulting line of every child the batch touched */
  lines: z.array(attendanceLine),
});
export type AttendanceSyncResult = z.infer<typeof attendanceSyncResult>;
