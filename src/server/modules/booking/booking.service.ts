/**
 * The booking module's door for its routes and for the code outside it that books (tests, benches): each
 * responsibility lives in its own file, and this one only re-exports what they offer.
 *
 * - booking.rules.ts — the pure rules the planning and the engine share (who may book, deadlines, a reservation's state)
 * - booking.planning.ts — the family's catalog and planning of a week (reads only)
 * - booking.submit.ts — the submit engine: FIFO gate, planning lines, the transaction or PostgreSQL's one statement
 * - booking.reservations.ts — the reservations as the family and the staff read them
 * - booking.decisions.ts — the staff's decisions on requests, the pending requests, the occupancy
 * - booking.waitlist.ts, booking.capacity.ts, booking.attendance.ts — waiting lists, capacities, attendance
 */
export type { BookingScope } from './booking.rules.js';
export { bookingCatalog, planning } from './booking.planning.js';
export { DEFAULT_BOOKING_CONCURRENCY, submitReservation, type SubmitResult } from './booking.submit.js';
export { getReservation, listReservations } from './booking.reservations.js';
export { decideRequest, occupancy, pendingRequests } from './booking.decisions.js';
// request campaigns (issue 12): the campaign module writes places and waiting lists only through these
export {
  campaignPhase,
  campaignRefusal,
  childrenWithPlaces,
  familyPlacesNow,
  heldByChildren,
  lockCampaignCells,
  placesLeft,
  previouslyAttended,
  registerCampaignPhase,
  settleAfterCampaign,
  writeCampaignPlaces,
  type CampaignPhase,
  type CampaignPlace,
} from './booking.campaign.js';
