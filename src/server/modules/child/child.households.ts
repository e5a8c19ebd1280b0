/**
 * Children shared by two households (issue 11, separated parents): the staff link a child into a second family after
 * checking identity, set the custody schedule, and unlink it (never from its last household). Each change is audited
 * and both households are told by e-mail (outbox, in the same transaction). The family side reads its own part of
 * the schedule. Who may see or book a child is decided by the link rows (`child_household`), see child.service.ts.
 *
 * Write shape (docs/write-discipline.md, « lock what you read »): the target family's row (lockOpenFamily, on link),
 * then the child row, then the child's link rows in family order — the booking engine takes the link rows before
 * any unit-day, so a custody change or an unlink waits for a booking of the child in flight, and the other way round.
 */
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { writeTransaction, type Executor } from '../../db/write.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../errors.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import type { MailTemplate } from '../mail/mail.templates.js';
import { familyLogin } from '../account/account.logins.js';
import { firstGuardian, firstGuardians, householdCard, lockOpenFamily, type FamilyScope } from '../family/family.service.js';
import { householdBookingsOfChild } from '../booking/booking.households.js';
import { householdInvoicesOfChild } from '../billing/billing.households.js';
import { householdDocumentsOfChild } from '../document/document.households.js';
import { addDays, parisDateOf, weekdayOf } from '../../../shared/calendar/paris-time.js';
import { removeHouseholdBookings, settleRemovedBookings, type RemovedBookings } from '../booking/booking.households.js';
import { parseWeekdays } from '../../../shared/custody.js';
import type { CustodyInput, FamilyCustodyView, HouseholdLinkInput, HouseholdView, OtherHouseholdView } from '../../../shared/household-contracts.js';
import * as repo from './child.repo.js';

/** Two households at most: separated parents. */
export const MAX_HOUSEHOLDS = 2;

const custodyOf = (h: repo.HouseholdRow) => ({ kind: h.custody_kind, anchor: h.custody_anchor, weekdays: parseWeekdays(h.custody_weekdays) });

async function viewsOf(db: Executor, child: repo.ChildRow, rows: repo.HouseholdRow[]): Promise<HouseholdView[]> {
  const g1s = await firstGuardians(db, rows.map((r) => r.family_id));
  const names = new Map([...g1s].map(([id, g]) => [id, `${g.lastName.toUpperCase()} ${g.firstName}`]));
  // the first household first, then by link date
  const ordered = [...rows].sort((x, y) => Number(y.family_id === child.family_id) - Number(x.family_id === child.family_id));
  return ordered.map((r) => ({
    familyId: r.family_id,
    familyName: names.get(r.family_id) ?? '',
    linkedAt: r.linked_at,
    first: r.family_id === child.family_id,
    custody: custodyOf(r),
    seesOther: r.sees_other === 1,
  }));
}

async function childOrNotFound(db: Executor, childId: string, forUpdate: boolean): Promise<repo.ChildRow> {
  const child = await repo.findChild(db, childId, { forUpdate });
  if (!child) throw new NotFoundError();
  return child;
}

/** The households of a child, as staff see them (no health data: not an audited read). */
export async function listHouseholds(ctx: AppContext, childId: string): Promise<HouseholdView[]> {
  const child = await childOrNotFound(ctx.db, childId, false);
  return viewsOf(ctx.db, child, await repo.householdsOf(ctx.db, childId));
}

/** A household's read of its child's custody: shared or not, and its own part (the other household is not named). */
export async function familyCustody(ctx: AppContext, scope: FamilyScope, childId: string): Promise<FamilyCustodyView> {
  const rows = await repo.householdsOf(ctx.db, childId);
  const mine = rows.find((r) => r.family_id === scope.familyId);
  if (!mine) throw new NotFoundError();
  return { shared: rows.length > 1, custody: custodyOf(mine), seesOther: rows.length > 1 && mine.sees_other === 1 };
}

/** The mail to one household (its login, greeted by guardian 1), written to the outbox in the caller's transaction. */
async function tell(trx: Executor, ctx: AppContext, familyId: string, mail: (firstName: string) => MailTemplate): Promise<void> {
  const [login, g1] = await Promise.all([familyLogin(trx, familyId), firstGuardian(trx, familyId)]);
  if (login) await enqueueMail(trx, ctx, login.email, mail(g1?.firstName ?? ''), familyId);
}

const childName = (c: repo.ChildRow) => `${c.first_name} ${c.last_name}`;

/** Links an existing child into another household (identity checked by the agent, said how). */
export async function linkHousehold(ctx: AppContext, actor: Actor, childId: string, input: HouseholdLinkInput): Promise<HouseholdView[]> {
  const now = isoNow(ctx.clock);
  return writeTransaction(ctx, async (trx) => {
    await lockOpenFamily(trx, input.familyId); // 404 unknown family, 409 closed
    const child = await childOrNotFound(trx, childId, ctx.dialect === 'postgres');
    const rows = await repo.lockHouseholds(trx, childId);
    if (rows.some((r) => r.family_id === input.familyId)) throw new ConflictError('household.already_linked');
    if (rows.length >= MAX_HOUSEHOLDS) throw new ConflictError('household.too_many');
    await repo.insertHousehold(trx, {
      child_id: childId,
      family_id: input.familyId,
      custody_kind: 'free',
      custody_anchor: null,
      custody_weekdays: null,
      linked_at: now,
      linked_by: actor.id,
      sees_other: 0,
    });
    // a new pair of households starts « free » until staff set the schedule, and sees nothing of the other
    for (const r of rows) await repo.setCustody(trx, childId, r.family_id, { custody_kind: 'free', custody_anchor: null, custody_weekdays: null, sees_other: 0 });
    for (const familyId of [...rows.map((r) => r.family_id), input.familyId])
      await recordAudit(trx, ctx.clock, actor, {
        action: 'child.household_linked',
        familyId,
        targetType: 'child',
        targetId: childId,
        details: { linkedFamilyId: input.familyId, identityChecked: true, identityNote: input.identityNote },
      });
    for (const familyId of [...rows.map((r) => r.family_id), input.familyId])
      await tell(trx, ctx, familyId, (firstName) => ({ template: 'household.linked', firstName, childName: childName(child) }));
    return viewsOf(trx, child, await repo.householdsOf(trx, childId));
  });
}

/** Removes a child from one of its households (never the last one); its own contacts and pick-up persons go. */
export async function unlinkHousehold(ctx: AppContext, actor: Actor, childId: string, familyId: string): Promise<HouseholdView[]> {
  const now = isoNow(ctx.clock);
  const today = parisDateOf(ctx.clock.now());
  let removed: RemovedBookings = { count: 0, settle: [] };
  const views = await writeTransaction(ctx, async (trx) => {
    const child = await childOrNotFound(trx, childId, ctx.dialect === 'postgres');
    const rows = await repo.lockHouseholds(trx, childId);
    if (!rows.some((r) => r.family_id === familyId)) throw new AppError('household.not_linked', 404);
    if (rows.length <= 1) throw new ConflictError('household.last_household');
    if (!(await repo.deleteHousehold(trx, childId, familyId))) throw new ConflictError('household.custody_changed');
    await repo.deletePeopleOfHousehold(trx, [childId], familyId);
    // its bookings of the child after today go (places freed, requests withdrawn): the child is no longer theirs
    removed = await removeHouseholdBookings(trx, ctx, childId, familyId, today, now, actor.id);
    const left = rows.filter((r) => r.family_id !== familyId);
    if (child.family_id === familyId) await repo.setFirstHousehold(trx, childId, left[0].family_id);
    // one household again: every day is its own, and there is no other household to see
    for (const r of left) await repo.setCustody(trx, childId, r.family_id, { custody_kind: 'free', custody_anchor: null, custody_weekdays: null, sees_other: 0 });
    for (const r of rows)
      await recordAudit(trx, ctx.clock, actor, {
        action: 'child.household_unlinked',
        familyId: r.family_id,
        targetType: 'child',
        targetId: childId,
        details: { unlinkedFamilyId: familyId, bookingsRemoved: removed.count },
      });
    for (const r of rows)
      await tell(trx, ctx, r.family_id, (firstName) => ({ template: 'household.unlinked', firstName, childName: childName(child), removed: r.family_id === familyId }));
    return viewsOf(trx, (await repo.findChild(trx, childId))!, await repo.householdsOf(trx, childId));
  });
  await settleRemovedBookings(ctx, removed);
  return views;
}

/** Sets the custody schedule of a shared child for both households at once. */
export async function setCustody(ctx: AppContext, actor: Actor, childId: string, input: CustodyInput): Promise<HouseholdView[]> {
  const problems: FieldProblem[] = [];
  const monday = input.referenceMonday || null;
  if (input.kind === 'alternate_weeks') {
    if (!monday) problems.push({ path: 'referenceMonday', code: 'required' });
    else if (weekdayOf(monday) !== 1) problems.push({ path: 'referenceMonday', code: 'household.custody_monday' });
    if (!input.referenceFamilyId) problems.push({ path: 'referenceFamilyId', code: 'required' });
  }
  const weekdays = input.weekdays ?? {};
  if (input.kind === 'weekdays') {
    const seen = new Set<number>();
    for (const days of Object.values(weekdays))
      for (const d of new Set(days)) {
        if (seen.has(d)) problems.push({ path: 'weekdays', code: 'household.custody_overlap' });
        seen.add(d);
      }
  }
  if (problems.length) throw new ValidationError(problems.filter((p, i) => problems.findIndex((q) => q.path === p.path) === i));
  return writeTransaction(ctx, async (trx) => {
    const child = await childOrNotFound(trx, childId, ctx.dialect === 'postgres');
    const rows = await repo.lockHouseholds(trx, childId);
    if (rows.length < 2) throw new ConflictError('household.not_shared');
    const ids = new Set(rows.map((r) => r.family_id));
    // the households the agent saw are no longer the child's (linked or unlinked meanwhile)
    if (input.kind === 'alternate_weeks' && !ids.has(input.referenceFamilyId!)) throw new ConflictError('household.custody_changed');
    if (input.kind === 'weekdays' && Object.keys(weekdays).some((id) => !ids.has(id))) throw new ConflictError('household.custody_changed');
    const partOf = (familyId: string) =>
      input.kind === 'alternate_weeks'
        ? { custody_kind: 'alternate_weeks' as const, custody_anchor: familyId === input.referenceFamilyId ? monday : addDays(monday!, 7), custody_weekdays: null }
        : input.kind === 'weekdays'
          ? { custody_kind: 'weekdays' as const, custody_anchor: null, custody_weekdays: [...new Set(weekdays[familyId] ?? [])].sort().join(',') }
          : { custody_kind: 'free' as const, custody_anchor: null, custody_weekdays: null };
    for (const r of rows) await repo.setCustody(trx, childId, r.family_id, partOf(r.family_id));
    for (const r of rows)
      await recordAudit(trx, ctx.clock, actor, {
        action: 'child.custody_set',
        familyId: r.family_id,
        targetType: 'child',
        targetId: childId,
        details: { kind: input.kind, ...partOf(r.family_id) },
      });
    for (const r of rows) {
      const part = partOf(r.family_id);
      await tell(trx, ctx, r.family_id, (firstName) => ({
        template: 'household.custody',
        firstName,
        childName: childName(child),
        kind: part.custody_kind,
        monday: part.custody_anchor,
        weekdays: parseWeekdays(part.custody_weekdays),
      }));
    }
    return viewsOf(trx, child, await repo.householdsOf(trx, childId));
  });
}

/**
 * « Partage autorisé »: staff let one household see (or stop seeing) the other's address, bookings, invoices and
 * documents of this child. One-way on purpose (a protection order may hide one parent's address only); audited on
 * both households, and both are told.
 */
export async function setSharing(ctx: AppContext, actor: Actor, childId: string, familyId: string, seesOther: boolean): Promise<HouseholdView[]> {
  return writeTransaction(ctx, async (trx) => {
    const child = await childOrNotFound(trx, childId, ctx.dialect === 'postgres');
    const rows = await repo.lockHouseholds(trx, childId);
    const mine = rows.find((r) => r.family_id === familyId);
    if (!mine) throw new AppError('household.not_linked', 404);
    if (rows.length < 2) throw new ConflictError('household.sharing_single');
    if ((mine.sees_other === 1) !== seesOther) {
      await repo.setCustody(trx, childId, familyId, { sees_other: seesOther ? 1 : 0 });
      for (const r of rows)
        await recordAudit(trx, ctx.clock, actor, {
          action: 'child.household_sharing',
          familyId: r.family_id,
          targetType: 'child',
          targetId: childId,
          details: { seeingFamilyId: familyId, seesOther },
        });
      for (const r of rows)
        await tell(trx, ctx, r.family_id, (firstName) => ({ template: 'household.sharing', firstName, childName: childName(child), seesOther, seer: r.family_id === familyId }));
    }
    return viewsOf(trx, child, await repo.householdsOf(trx, childId));
  });
}

/**
 * The other household of a shared child, for a household staff allowed to see it: its guardians and address, its
 * bookings of the child from today, its invoices' amounts for the child and the documents it sent for the child.
 * 404 when the child is not this household's; 403 when staff did not allow it (or the child has one household).
 */
export async function otherHousehold(ctx: AppContext, scope: FamilyScope, childId: string): Promise<OtherHouseholdView> {
  const rows = await repo.householdsOf(ctx.db, childId);
  const mine = rows.find((r) => r.family_id === scope.familyId);
  const other = rows.find((r) => r.family_id !== scope.familyId);
  if (!mine) throw new NotFoundError();
  if (!other || mine.sees_other !== 1) throw new ForbiddenError('household.sharing_off');
  const today = parisDateOf(ctx.clock.now());
  const [household, bookings, invoices, documents] = await Promise.all([
    householdCard(ctx.db, other.family_id),
    householdBookingsOfChild(ctx.db, childId, other.family_id, today),
    householdInvoicesOfChild(ctx.db, childId, other.family_id),
    householdDocumentsOfChild(ctx.db, childId, other.family_id),
  ]);
  return { household, bookings, invoices, documents };
}
