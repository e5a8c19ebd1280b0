/**
 * Request campaigns (issue 12, docs/fair-opening.md): staff configure a campaign for a period, families submit
 * wishes during its window, staff simulate and publish the allocation (allocation.ts, pure). Places and waiting lists
 * are written by the booking module (booking.campaign.ts), in the publication's transaction.
 *
 * Concurrency (PostgreSQL READ COMMITTED, docs/write-discipline.md):
 *   - a family's wish change locks its family row, then SHARE-locks the campaign row and checks, under that lock,
 *     that the campaign is not published and the window still open (at the request's arrival);
 *   - the publication locks the campaign row FOR UPDATE (so it waits for wish changes in flight and they wait for
 *     it, then see it published), re-reads the wishes, locks the unit-days in (unit, day) order
 *     (booking.lockCampaignCells), allocates, writes, and marks the campaign published with a conditional update;
 *     a second click finds it published and answers the same result (idempotent).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { isoNow } from '../../clock.js';
import { writeTransaction, affected, type Executor } from '../../db/write.js';
import { readGenerations } from '../../db/generations.js';
import { isUniqueViolation } from '../../db/database.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../errors.js';
import { recordAudit, type Actor } from '../audit/audit.service.js';
import { enqueueMails } from '../mail/mail.service.js';
import { familyLoginEmails } from '../account/account.logins.js';
import { familyBillingFacts, familyExists, familyNames, firstGuardians, lockOpenFamily } from '../family/family.service.js';
import { childrenOfFamilies, childForBooking, findChildRow, isChildOfFamily } from '../child/child.service.js';
import * as catalog from '../catalog/catalog.service.js';
import { missingDocuments } from '../document/document.service.js';
import {
  childrenWithPlaces,
  familyPlacesNow,
  heldByChildren,
  lockCampaignCells,
  placesLeft,
  previouslyAttended,
  settleAfterCampaign,
  writeCampaignPlaces,
  type CampaignPhase,
  type CampaignPlace,
} from '../booking/booking.service.js';
import { baseCell, blockedFor, type BookingScope } from '../booking/booking.rules.js';
import { unavailability, type CellInput } from '../booking/grid-state.js';
import { translator } from '../../i18n.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { longDay } from '../../../shared/i18n/dates.js';
import type {
  CampaignDetail,
  CampaignFlag,
  CampaignInput,
  CampaignPhaseName,
  CampaignView,
  CriterionInput,
  EligibilityInput,
  FamilyCampaign,
  FamilyOutcomes,
  Simulation,
  WishesInput,
} from '../../../shared/campaign-contracts.js';
import {
  allocate,
  allocateFirstCome,
  cellKey,
  ineligibility,
  satisfaction,
  type AllocationResult,
  type AllocationRules,
  type ChildFacts,
  type Wish,
} from './allocation.js';
import * as repo from './campaign.repo.js';

export type CampaignScope = BookingScope;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// ---------- phases ----------

export function phaseOf(c: Pick<repo.CampaignRow, 'mode' | 'published_at' | 'opens_at' | 'resident_opens_at' | 'closes_at'>, nowIso: string): CampaignPhaseName {
  if (c.mode === 'first_come') return 'off';
  if (c.published_at) return 'published';
  if (nowIso < (c.resident_opens_at ?? c.opens_at)) return 'before';
  if (nowIso < c.closes_at) return 'requests';
  return 'allocating';
}

/** What booking asks for each planning and each submission (registered in buildApp): null when first come. */
export async function bookingPhase(db: Executor, _activityId: string, periodId: string, nowIso: string): Promise<CampaignPhase | null> {
  const c = await repo.campaignOfPeriod(db, periodId);
  if (!c) return null;
  const phase = phaseOf(c, nowIso);
  if (phase === 'off' || phase === 'published') return null;
  return { campaignId: c.id, phase, opensAt: c.resident_opens_at ?? c.opens_at, closesAt: c.closes_at };
}

// ---------- views ----------

function parse<T>(s: string): T {
  return JSON.parse(s) as T;
}

async function views(ctx: AppContext, rows: repo.CampaignRow[]): Promise<CampaignView[]> {
  const counts = await repo.wishCounts(ctx.db);
  const activities = new Map((await catalog.listActivities(ctx.db)).map((a) => [a.id, a]));
  const periods = new Map((await catalog.listPeriods(ctx.db)).map((p) => [p.id, p]));
  const now = isoNow(ctx.clock);
  return rows.map((c) => {
    const p = periods.get(c.period_id);
    return {
      id: c.id,
      activity: { id: c.activity_id, name: activities.get(c.activity_id)?.name ?? '' },
      period: { id: c.period_id, label: p?.label ?? '', startDay: p?.start_day ?? '', endDay: p?.end_day ?? '' },
      mode: c.mode,
      phase: phaseOf(c, now),
      opensAt: c.opens_at,
      residentOpensAt: c.resident_opens_at,
      closesAt: c.closes_at,
      residentTowns: parse<string[]>(c.resident_towns),
      eligibility: parse<EligibilityInput>(c.eligibility),
      criteria: parse<CriterionInput[]>(c.criteria),
      siblingsTogether: c.siblings_together === 1,
      seedText: c.seed_text,
      seed: c.seed,
      publishedAt: c.published_at,
      version: c.version,
      wishes: counts.get(c.id)?.wishes ?? 0,
      families: counts.get(c.id)?.families ?? 0,
    };
  });
}

export async function listCampaigns(ctx: AppContext): Promise<CampaignView[]> {
  return views(ctx, await repo.listCampaigns(ctx.db));
}

async function found(db: Executor, id: string): Promise<repo.CampaignRow> {
  const c = await repo.findCampaign(db, id);
  if (!c) throw new NotFoundError();
  return c;
}

// ---------- staff: configuration ----------

type ParsedInput = Omit<CampaignInput, 'version'> & { version?: number };

function rowValues(input: ParsedInput) {
  return {
    mode: input.mode,
    opens_at: new Date(input.opensAt).toISOString(),
    resident_opens_at: input.residentOpensAt ? new Date(input.residentOpensAt).toISOString() : null,
    closes_at: new Date(input.closesAt).toISOString(),
    resident_towns: JSON.stringify([...new Set(input.residentTowns)]),
    eligibility: JSON.stringify(input.eligibility),
    criteria: JSON.stringify(input.criteria.map((c) => ({ criterion: c.criterion, weight: c.weight, flag: c.criterion === 'staff_flag' ? (c.flag ?? null) : null }))),
    siblings_together: input.siblingsTogether ? 1 : 0,
    seed_text: input.seedText,
    seed: sha256(input.seedText),
  };
}

export async function createCampaign(ctx: AppContext, actor: Actor, input: ParsedInput): Promise<CampaignView> {
  const period = await catalog.findPeriod(ctx.db, input.periodId);
  if (!period) throw new ValidationError([{ path: 'periodId', code: 'campaign.period_unknown' }]);
  const now = isoNow(ctx.clock);
  const id = randomUUID();
  try {
    await writeTransaction(ctx, async (trx) => {
      await repo.insertCampaign(trx, {
        id,
        activity_id: period.activity_id,
        period_id: period.id,
        ...rowValues(input),
        published_at: null,
        published_by: null,
        result: null,
        version: 1,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(trx, ctx.clock, actor, { action: 'campaign.created', targetType: 'campaign', targetId: id, details: { periodId: period.id, mode: input.mode } });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('campaign.exists');
    throw err;
  }
  return (await views(ctx, [await found(ctx.db, id)]))[0]!;
}

/**
 * Changes a campaign's configuration (the version read must still be the current one). Once the window has opened
 * the seed is frozen (it was published; changing it then could favour someone); once published, nothing changes.
 */
export async function updateCampaign(ctx: AppContext, actor: Actor, id: string, input: ParsedInput): Promise<CampaignView> {
  const now = isoNow(ctx.clock);
  await writeTransaction(ctx, async (trx) => {
    const c = await repo.lockCampaign(trx, id);
    if (!c) throw new NotFoundError();
    if (c.published_at) throw new ConflictError('campaign.published');
    if (input.version !== undefined && input.version !== c.version) throw new ConflictError('campaign.stale');
    if (input.periodId !== c.period_id) throw new ValidationError([{ path: 'periodId', code: 'campaign.period_fixed' }]);
    const values = rowValues(input);
    if (values.seed !== c.seed && now >= (c.resident_opens_at ?? c.opens_at)) throw new ValidationError([{ path: 'seedText', code: 'campaign.seed_frozen' }]);
    const r = await trx
      .updateTable('campaign')
      .set({ ...values, version: c.version + 1, updated_at: now })
      .where('id', '=', id)
      .where('version', '=', c.version)
      .where('published_at', 'is', null)
      .executeTakeFirst();
    if (affected(r) !== 1) throw new ConflictError('campaign.stale');
    await recordAudit(trx, ctx.clock, actor, { action: 'campaign.updated', targetType: 'campaign', targetId: id, details: { version: c.version + 1, mode: input.mode } });
  });
  return (await views(ctx, [await found(ctx.db, id)]))[0]!;
}

/** A seed text for a new campaign's form: random, to be replaced by a value announced in advance if the city wishes. */
export function suggestedSeedText(): string {
  return randomBytes(12).toString('hex');
}

// ---------- staff: categories ----------

export async function setFlags(ctx: AppContext, actor: Actor, familyId: string, input: { childId: string | null; flags: CampaignFlag[] }) {
  if (!(await familyExists(ctx.db, familyId))) throw new NotFoundError();
  if (input.childId && !(await isChildOfFamily(ctx.db, input.childId, familyId))) throw new NotFoundError();
  const now = isoNow(ctx.clock);
  const childKey = input.childId ?? '';
  await writeTransaction(ctx, async (trx) => {
    await trx.deleteFrom('campaign_flag').where('family_id', '=', familyId).where('child_id', '=', childKey).execute();
    const flags = [...new Set(input.flags)];
    if (flags.length) await trx.insertInto('campaign_flag').values(flags.map((flag) => ({ family_id: familyId, child_id: childKey, flag, set_by: actor.id, set_at: now }))).execute();
    await recordAudit(trx, ctx.clock, actor, { action: 'campaign.flags_set', familyId, targetType: 'family', targetId: familyId, details: { childId: input.childId, flags } });
  });
  return { familyId, childId: input.childId, flags: [...new Set(input.flags)].sort() };
}

// ---------- gathering the allocation's input ----------

interface Gathered {
  campaign: repo.CampaignRow;
  rules: AllocationRules;
  wishes: (Wish & { submittedAt: string; familyId: string })[];
  children: ChildFacts[];
  /** wishes whose cell the child already holds (not allocated again) */
  alreadyHeld: Set<string>;
  cells: { unitId: string; day: string; capacity: number }[];
  units: Map<string, { label: string; capacity: number }>;
  period: { start_day: string; end_day: string; label: string };
  activityName: string;
}

function rulesOf(c: repo.CampaignRow, firstDay: string, override?: { criteria?: CriterionInput[]; siblingsTogether?: boolean }): AllocationRules {
  return {
    eligibility: parse<EligibilityInput>(c.eligibility),
    criteria: (override?.criteria ?? parse<CriterionInput[]>(c.criteria)).map((k) => ({ criterion: k.criterion, weight: k.weight, flag: k.flag ?? null })),
    siblingsTogether: override?.siblingsTogether ?? c.siblings_together === 1,
    firstDay,
  };
}

async function gather(db: Executor, c: repo.CampaignRow, override?: { criteria?: CriterionInput[]; siblingsTogether?: boolean }): Promise<Gathered> {
  const period = await catalog.findPeriod(db, c.period_id);
  const activity = await catalog.findActivity(db, c.activity_id);
  if (!period || !activity) throw new NotFoundError();
  const units = await catalog.listUnits(db, c.activity_id);
  const rows = await repo.wishesOf(db, c.id);
  const familyIds = [...new Set(rows.map((w) => w.family_id))];
  const wishedChildren = [...new Set(rows.map((w) => w.child_id))];
  const rules = rulesOf(c, period.start_day, override);
  const towns = new Set(parse<string[]>(c.resident_towns));
  const families = new Map<string, { insee: string | null; quotient: number | null }>();
  const allChildren: { id: string; family_id: string; birth_date: string }[] = [];
  for (let i = 0; i < familyIds.length; i += 500) {
    const slice = familyIds.slice(i, i + 500);
    for (const f of await familyBillingFacts(db, slice)) families.set(f.id, { insee: f.insee_code, quotient: f.family_quotient });
    allChildren.push(...(await childrenOfFamilies(db, slice)));
  }
  const flags = await (async () => {
    const out: repo.FlagRow[] = [];
    for (let i = 0; i < familyIds.length; i += 500) out.push(...(await repo.flagsOf(db, familyIds.slice(i, i + 500))));
    return out;
  })();
  const familyFlags = new Map<string, string[]>();
  const childFlags = new Map<string, string[]>();
  for (const f of flags) {
    const m = f.child_id ? childFlags : familyFlags;
    const k = f.child_id || f.family_id;
    m.set(k, [...(m.get(k) ?? []), f.flag]);
  }
  const siblingsWithPlace = await childrenWithPlaces(db, [...new Set(allChildren.map((c) => c.id))], period.start_day, period.end_day);
  const attended = await previouslyAttended(db, c.activity_id, wishedChildren, period.start_day);
  const alreadyHeldCells = await heldByChildren(db, c.activity_id, wishedChildren, period.start_day, period.end_day);
  const gens = await readGenerations(db);
  const familyOfWish = new Map<string, string>();
  for (const w of rows) if (!familyOfWish.has(w.child_id)) familyOfWish.set(w.child_id, w.family_id);
  const childRow = new Map(allChildren.map((ch) => [ch.id, ch]));
  const childrenOfFamily = new Map<string, string[]>();
  for (const ch of allChildren) childrenOfFamily.set(ch.family_id, [...(childrenOfFamily.get(ch.family_id) ?? []), ch.id]);
  const wishedDays = new Map<string, string[]>();
  for (const w of rows) wishedDays.set(w.child_id, [...(wishedDays.get(w.child_id) ?? []), w.day]);
  const children: ChildFacts[] = [];
  for (const childId of wishedChildren) {
    const familyId = familyOfWish.get(childId)!;
    const ch = childRow.get(childId);
    const fam = families.get(familyId);
    if (!ch) continue; // a child unlinked since it was wished for: its wishes are dropped
    let schoolClass: string | null = null;
    if (rules.eligibility.schoolClasses.length) schoolClass = (await findChildRow(db, childId))?.school_class ?? null;
    let documentsOk = true;
    if (rules.eligibility.documentsRequired) {
      const days = wishedDays.get(childId) ?? [];
      documentsOk = (await missingDocuments(db, familyId, childId, c.activity_id, days, gens)).size === 0;
    }
    children.push({
      childId,
      familyId,
      birthDate: ch.birth_date,
      schoolClass,
      resident: !!fam?.insee && towns.has(fam.insee),
      flags: [...(familyFlags.get(familyId) ?? []), ...(childFlags.get(childId) ?? [])],
      documentsOk,
      siblingHasPlace: (childrenOfFamily.get(familyId) ?? []).some((id) => id !== childId && siblingsWithPlace.has(id)),
      previousAttendance: attended.has(childId),
      quotient: fam?.quotient ?? null,
    });
  }
  const known = new Set(children.map((ch) => ch.childId));
  const alreadyHeld = new Set<string>();
  const wishes: Gathered['wishes'] = [];
  for (const w of rows) {
    if (!known.has(w.child_id) || w.family_id !== familyOfWish.get(w.child_id)) continue;
    if (alreadyHeldCells.has(`${w.child_id}|${w.unit_id}|${w.day}`)) alreadyHeld.add(w.id);
    else wishes.push({ id: w.id, childId: w.child_id, unitId: w.unit_id, day: w.day, preference: w.preference, submittedAt: w.created_at, familyId: w.family_id });
  }
  const cellMap = new Map<string, { unitId: string; day: string; capacity: number }>();
  const unitById = new Map(units.map((u) => [u.id, u]));
  for (const w of wishes) {
    const u = unitById.get(w.unitId);
    if (u) cellMap.set(cellKey(w.unitId, w.day), { unitId: w.unitId, day: w.day, capacity: u.default_capacity });
  }
  return {
    campaign: c,
    rules,
    wishes,
    children,
    alreadyHeld,
    cells: [...cellMap.values()],
    units: new Map(units.map((u) => [u.id, { label: u.label, capacity: u.default_capacity }])),
    period: { start_day: period.start_day, end_day: period.end_day, label: period.label },
    activityName: activity.name,
  };
}

/** Places left per cell without locking (simulation): capacity − booked, the default capacity where no counter exists yet. */
async function placesNow(db: Executor, g: Gathered): Promise<Map<string, number>> {
  return placesLeft(db, g.cells, g.period.start_day, g.period.end_day);
}

// ---------- staff: simulation ----------

function perCriterion(g: Gathered, r: AllocationResult): Simulation['perCriterion'] {
  const byFamily = new Map<string, { n: number; got: number }>();
  for (const o of r.outcomes) {
    const k = g.rules.siblingsTogether ? `family:${o.familyId}` : `child:${o.childId}`;
    const p = byFamily.get(k) ?? { n: 0, got: 0 };
    p.n++;
    if (o.status === 'allocated') p.got++;
    byFamily.set(k, p);
  }
  return g.rules.criteria.map((c, i) => {
    const raised = r.applicants.filter((a) => (a.values[i] ?? 0) > 0);
    return {
      criterion: c.criterion,
      flag: c.flag ?? null,
      applicants: raised.length,
      servedAll: raised.filter((a) => byFamily.get(a.applicantId)?.got === byFamily.get(a.applicantId)?.n).length,
      servedPart: raised.filter((a) => {
        const p = byFamily.get(a.applicantId);
        return p && p.got > 0 && p.got < p.n;
      }).length,
    };
  });
}

function simulationOf(g: Gathered, places: Map<string, number>, id: string, createdAt: string): Simulation {
  const r = allocate({ wishes: g.wishes, children: g.children, places, rules: g.rules, seed: g.campaign.seed });
  const fc = allocateFirstCome({ wishes: g.wishes, children: g.children, places, rules: g.rules });
  const wished = new Map<string, number>();
  for (const w of g.wishes) wished.set(cellKey(w.unitId, w.day), (wished.get(cellKey(w.unitId, w.day)) ?? 0) + 1);
  return {
    id,
    createdAt,
    criteria: g.rules.criteria.map((c) => ({ criterion: c.criterion, weight: c.weight, flag: (c.flag ?? null) as CampaignFlag | null })),
    siblingsTogether: g.rules.siblingsTogether,
    seed: g.campaign.seed,
    requests: satisfaction(r.outcomes),
    firstCome: satisfaction(fc.outcomes),
    cells: g.cells
      .map((c) => {
        const k = cellKey(c.unitId, c.day);
        return {
          unitId: c.unitId,
          unitLabel: g.units.get(c.unitId)?.label ?? '',
          day: c.day,
          places: places.get(k) ?? 0,
          wished: wished.get(k) ?? 0,
          requests: r.allocatedPerCell.get(k) ?? 0,
          firstCome: fc.allocatedPerCell.get(k) ?? 0,
        };
      })
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.unitLabel < b.unitLabel ? -1 : 1)),
    perCriterion: perCriterion(g, r),
  };
}

/** Runs the allocation on the current wishes (with other weights if given): nothing is booked or sent. */
export async function simulate(ctx: AppContext, actor: Actor, id: string, input: { criteria?: CriterionInput[]; siblingsTogether?: boolean }): Promise<Simulation> {
  const c = await found(ctx.db, id);
  if (c.mode !== 'requests') throw new ConflictError('campaign.not_requests');
  const g = await gather(ctx.db, c, input);
  const places = await placesNow(ctx.db, g);
  const sim = simulationOf(g, places, randomUUID(), isoNow(ctx.clock));
  await writeTransaction(ctx, async (trx) => {
    await trx
      .insertInto('campaign_simulation')
      .values({
        id: sim.id,
        campaign_id: c.id,
        criteria: JSON.stringify(sim.criteria),
        siblings_together: sim.siblingsTogether ? 1 : 0,
        summary: JSON.stringify(sim),
        created_by: actor.id,
        created_at: sim.createdAt,
      })
      .execute();
  });
  return sim;
}

export async function campaignDetail(ctx: AppContext, id: string): Promise<CampaignDetail> {
  const c = await found(ctx.db, id);
  const [view] = await views(ctx, [c]);
  const wishes = await repo.wishesOf(ctx.db, id);
  const familyIds = [...new Set(wishes.map((w) => w.family_id))];
  const wishCount = new Map<string, number>();
  const wishedChildren = new Set<string>();
  for (const w of wishes) {
    wishCount.set(w.family_id, (wishCount.get(w.family_id) ?? 0) + 1);
    wishedChildren.add(w.child_id);
  }
  const names = new Map<string, string>();
  const facts = new Map<string, { insee_code: string | null }>();
  const flags: repo.FlagRow[] = [];
  const kids: Awaited<ReturnType<typeof childrenOfFamilies>> = [];
  for (let i = 0; i < familyIds.length; i += 500) {
    const slice = familyIds.slice(i, i + 500);
    for (const [k, v] of await familyNames(ctx.db, slice)) names.set(k, v);
    for (const f of await familyBillingFacts(ctx.db, slice)) facts.set(f.id, f);
    flags.push(...(await repo.flagsOf(ctx.db, slice)));
    kids.push(...(await childrenOfFamilies(ctx.db, slice)));
  }
  const towns = new Set(parse<string[]>(c.resident_towns));
  const flagsOf = new Map<string, CampaignFlag[]>(); // family id (its own) or child id
  for (const f of flags) {
    const k = f.child_id || `family:${f.family_id}`;
    flagsOf.set(k, [...(flagsOf.get(k) ?? []), f.flag as CampaignFlag]);
  }
  const kidsOf = new Map<string, typeof kids>();
  for (const k of kids) if (wishedChildren.has(k.id)) kidsOf.set(k.family_id, [...(kidsOf.get(k.family_id) ?? []), k]);
  const families = familyIds
    .map((familyId) => ({
      familyId,
      name: names.get(familyId) ?? '',
      wishes: wishCount.get(familyId) ?? 0,
      resident: towns.has(facts.get(familyId)?.insee_code ?? '-'),
      flags: flagsOf.get(`family:${familyId}`) ?? [],
      children: (kidsOf.get(familyId) ?? []).map((k) => ({ id: k.id, name: `${k.first_name} ${k.last_name}`, flags: flagsOf.get(k.id) ?? [] })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  return {
    campaign: view!,
    families,
    simulations: (await repo.simulationsOf(ctx.db, id)).map((s) => parse<Simulation>(s.summary)),
    published: c.result ? parse<{ requests: Simulation['requests'] }>(c.result).requests : null,
  };
}

// ---------- staff: publication ----------

/**
 * Publishes the allocation: places and waiting-list entries written through the booking module, each wish's
 * outcome kept, one e-mail per family (outbox), all in one transaction. Idempotent: when the campaign is already
 * published, nothing is done again and the same detail is answered. Refused while the window is open.
 */
export async function publish(ctx: AppContext, actor: Actor, id: string): Promise<CampaignDetail> {
  const cells = await writeTransaction(ctx, async (trx) => {
    const c = await repo.lockCampaign(trx, id);
    if (!c) throw new NotFoundError();
    if (c.published_at) return null;
    if (c.mode !== 'requests') throw new ConflictError('campaign.not_requests');
    const nowIso = isoNow(ctx.clock);
    if (nowIso < c.closes_at) throw new ConflictError('campaign.window_open');
    const g = await gather(trx, c);
    const places = await lockCampaignCells(trx, g.cells);
    const r = allocate({ wishes: g.wishes, children: g.children, places, rules: g.rules, seed: c.seed });
    const outcomeRows: repo.OutcomeRow[] = r.outcomes.map((o) => ({
      campaign_id: c.id,
      wish_id: o.wishId,
      family_id: o.familyId,
      child_id: o.childId,
      unit_id: o.unitId,
      day: o.day,
      status: o.status,
      reason: o.reason,
      wait_rank: o.waitRank,
      applicant_rank: o.applicantRank,
      applied: JSON.stringify(o.applied),
    }));
    const all = await repo.wishesOf(trx, c.id);
    for (const w of all.filter((x) => g.alreadyHeld.has(x.id)))
      outcomeRows.push({ campaign_id: c.id, wish_id: w.id, family_id: w.family_id, child_id: w.child_id, unit_id: w.unit_id, day: w.day, status: 'already_booked', reason: null, wait_rank: null, applicant_rank: null, applied: '[]' });
    for (let i = 0; i < outcomeRows.length; i += 1000) await trx.insertInto('campaign_outcome').values(outcomeRows.slice(i, i + 1000)).execute();
    const placesToWrite: CampaignPlace[] = r.outcomes
      .filter((o) => o.status === 'allocated' || o.status === 'waitlisted')
      .map((o) => ({ familyId: o.familyId, childId: o.childId, unitId: o.unitId, day: o.day, state: o.status === 'allocated' ? 'accepted' : 'waitlisted', waitRank: o.waitRank }));
    await writeCampaignPlaces(trx, { campaignId: c.id, activityId: c.activity_id, periodId: c.period_id, accountId: actor.id, nowIso, places: placesToWrite });
    const fc = allocateFirstCome({ wishes: g.wishes, children: g.children, places, rules: g.rules });
    const result = { requests: satisfaction(r.outcomes), firstCome: satisfaction(fc.outcomes) };
    const done = await trx
      .updateTable('campaign')
      .set({ published_at: nowIso, published_by: actor.id, result: JSON.stringify(result), version: c.version + 1, updated_at: nowIso })
      .where('id', '=', c.id)
      .where('published_at', 'is', null)
      .executeTakeFirst();
    if (affected(done) !== 1) throw new ConflictError('campaign.published');
    await mailFamilies(trx, ctx, c, g, outcomeRows);
    await recordAudit(trx, ctx.clock, actor, { action: 'campaign.published', targetType: 'campaign', targetId: c.id, details: { ...result.requests, seed: c.seed } });
    return g.cells;
  });
  if (cells) await settleAfterCampaign(ctx, (await found(ctx.db, id)).activity_id, cells);
  return campaignDetail(ctx, id);
}

async function mailFamilies(trx: Executor, ctx: AppContext, c: repo.CampaignRow, g: Gathered, outcomes: { family_id: string; status: string }[]): Promise<void> {
  const per = new Map<string, { allocated: number; waitlisted: number; other: number }>();
  for (const o of outcomes) {
    const p = per.get(o.family_id) ?? { allocated: 0, waitlisted: 0, other: 0 };
    if (o.status === 'allocated') p.allocated++;
    else if (o.status === 'waitlisted') p.waitlisted++;
    else p.other++;
    per.set(o.family_id, p);
  }
  const ids = [...per.keys()];
  const emails = await familyLoginEmails(trx, ids);
  const greet = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) for (const [fid, gd] of await firstGuardians(trx, ids.slice(i, i + 500))) greet.set(fid, gd.firstName);
  const url = `${ctx.config.publicUrl.replace(/\/$/, '')}/famille/demandes`;
  await enqueueMails(
    trx,
    ctx,
    ids
      .filter((fid) => emails.get(fid))
      .map((fid) => ({
        to: emails.get(fid)!,
        familyId: fid,
        mail: {
          template: 'campaign.published' as const,
          firstName: greet.get(fid) ?? '',
          activityName: g.activityName,
          periodLabel: g.period.label,
          allocated: per.get(fid)!.allocated,
          waitlisted: per.get(fid)!.waitlisted,
          other: per.get(fid)!.other,
          seed: c.seed,
          url,
        },
      })),
  );
}

// ---------- families ----------

/** The campaign's rules in plain words, in order (the wish page and the result page show them). */
export function rulesText(c: repo.CampaignRow, language: Language): string[] {
  const t = translator(language);
  const e = parse<EligibilityInput>(c.eligibility);
  const out: string[] = [];
  const towns = parse<string[]>(c.resident_towns);
  if (e.residentsOnly) out.push(t('campaigns:rules.residentsOnly', { towns: towns.join(', ') }));
  if (c.resident_opens_at) out.push(t('campaigns:rules.residentsEarly', { day: longDay(c.resident_opens_at.slice(0, 10), language) }));
  if (e.minAge !== null || e.maxAge !== null) out.push(t('campaigns:rules.age', { min: e.minAge ?? 0, max: e.maxAge ?? 99 }));
  if (e.schoolClasses.length) out.push(t('campaigns:rules.classes', { classes: e.schoolClasses.join(', ') }));
  if (e.requiredFlags.length) out.push(t('campaigns:rules.flags', { flags: e.requiredFlags.map((f) => t(`campaigns:flag.${f}` as 'campaigns:flag.single_parent')).join(', ') }));
  if (e.documentsRequired) out.push(t('campaigns:rules.documents'));
  if (e.maxDaysPerWeek !== null) out.push(t('campaigns:rules.maxWeek', { count: e.maxDaysPerWeek }));
  if (e.maxDaysPerPeriod !== null) out.push(t('campaigns:rules.maxPeriod', { count: e.maxDaysPerPeriod }));
  const criteria = parse<CriterionInput[]>(c.criteria).filter((k) => k.weight > 0);
  if (criteria.length)
    out.push(
      t('campaigns:rules.criteria', {
        list: criteria
          .map((k) => `${t(`campaigns:criterion.${k.criterion}` as 'campaigns:criterion.residence')}${k.flag ? ` (${t(`campaigns:flag.${k.flag}` as 'campaigns:flag.single_parent')})` : ''} ×${k.weight}`)
          .join(', '),
      }),
    );
  else out.push(t('campaigns:rules.noCriteria'));
  if (c.siblings_together) out.push(t('campaigns:rules.siblings'));
  out.push(t('campaigns:rules.lottery'));
  return out;
}

/** A family's own eligibility problem for one child, judged when it submits (documents are judged at the close). */
async function submissionRefusal(db: Executor, c: repo.CampaignRow, familyId: string, childId: string, firstDay: string, nowIso: string): Promise<string | null> {
  const e = parse<EligibilityInput>(c.eligibility);
  const [fam] = await familyBillingFacts(db, [familyId]);
  const resident = !!fam?.insee_code && parse<string[]>(c.resident_towns).includes(fam.insee_code);
  // the window opens earlier for residents
  if (!resident && nowIso < c.opens_at) return 'campaign.not_open_yet';
  const child = await findChildRow(db, childId);
  const flags = (await repo.flagsOf(db, [familyId])).filter((f) => f.child_id === '' || f.child_id === childId).map((f) => f.flag);
  const reason = ineligibility({ ...e, documentsRequired: false }, firstDay, {
    childId,
    familyId,
    birthDate: child?.birth_date ?? firstDay,
    schoolClass: child?.school_class ?? null,
    resident,
    flags,
    documentsOk: true,
    siblingHasPlace: false,
    previousAttendance: false,
    quotient: null,
  });
  return reason ? `campaign.ineligible_${reason}` : null;
}

async function familyView(ctx: AppContext, c: repo.CampaignRow, scope: CampaignScope, childId: string, language: Language): Promise<FamilyCampaign> {
  const nowIso = isoNow(ctx.clock);
  const phase = phaseOf(c, nowIso);
  const period = await catalog.findPeriod(ctx.db, c.period_id);
  const wishes = await repo.wishesOfChild(ctx.db, c.id, childId, scope.familyId);
  let blocked: string | null = blockedFor(scope);
  if (!blocked && phase === 'before') blocked = 'campaign.not_open_yet';
  if (!blocked && (phase === 'allocating' || phase === 'published')) blocked = 'campaign.closed';
  if (!blocked && phase === 'requests') blocked = await submissionRefusal(ctx.db, c, scope.familyId, childId, period?.start_day ?? '', nowIso);
  return {
    id: c.id,
    phase,
    opensAt: c.opens_at,
    residentOpensAt: c.resident_opens_at,
    closesAt: c.closes_at,
    seed: c.seed,
    seedText: c.seed_text,
    rules: rulesText(c, language),
    editable: blocked === null,
    blocked,
    wishes: wishes.map((w) => ({ unitId: w.unit_id, day: w.day, preference: w.preference })),
  };
}

/** The campaign of a period as one child's family sees it (the planning's wish mode). */
export async function familyCampaignFor(ctx: AppContext, scope: CampaignScope, childId: string, activityId: string, periodId: string, language: Language): Promise<FamilyCampaign> {
  await childForBooking(ctx.db, childId, scope.familyId); // another family's child: 404
  const c = await repo.campaignOfPeriod(ctx.db, periodId);
  if (!c || c.activity_id !== activityId || c.mode !== 'requests') throw new NotFoundError();
  return familyView(ctx, c, scope, childId, language);
}

/**
 * Replaces a child's wishes (an empty list withdraws them all), while the window is open for this family. Each wish
 * must be a unit of the campaign's activity on a day the activity runs in the period, at most once.
 */
export async function saveWishes(ctx: AppContext, scope: CampaignScope, campaignId: string, childId: string, input: WishesInput, language: Language, arrivedAt = ctx.clock.now()): Promise<FamilyCampaign> {
  if (blockedFor(scope)) throw new ForbiddenError('account.not_validated');
  const { child } = await childForBooking(ctx.db, childId, scope.familyId);
  const c0 = await found(ctx.db, campaignId);
  if (c0.mode !== 'requests') throw new NotFoundError();
  const period = await catalog.findPeriod(ctx.db, c0.period_id);
  const activity = await catalog.findActivity(ctx.db, c0.activity_id);
  if (!period || !activity) throw new NotFoundError();
  const units = new Map((await catalog.listUnits(ctx.db, c0.activity_id)).map((u) => [u.id, u]));
  const gens = await readGenerations(ctx.db);
  const config = catalog.toActivityConfig(activity);
  const facts = await catalog.cachedCalendarFacts(ctx.db, gens, config, period.start_day, period.end_day);
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  input.wishes.forEach((w, i) => {
    const k = `${w.unitId}|${w.day}`;
    if (!units.has(w.unitId)) problems.push({ path: `wishes.${i}.unitId`, code: 'booking.unit_unknown' });
    else if (seen.has(k)) problems.push({ path: `wishes.${i}.day`, code: 'booking.duplicate_change' });
    else {
      const off = unavailability({ ...baseCell({ activity: config, units: [...units.values()], period }, facts, child.birth_date, w.day), ageAllowed: true } as CellInput);
      if (off) problems.push({ path: `wishes.${i}.day`, code: 'campaign.day_closed' });
    }
    seen.add(k);
  });
  if (problems.length) throw new ValidationError(problems);
  const nowIso = arrivedAt.toISOString();
  await writeTransaction(ctx, async (trx) => {
    await lockOpenFamily(trx, scope.familyId);
    const c = await repo.shareLockCampaign(trx, campaignId);
    if (!c) throw new NotFoundError();
    const phase = phaseOf(c, nowIso);
    if (phase === 'before') throw new ConflictError('campaign.not_open_yet');
    if (phase !== 'requests') throw new ConflictError('campaign.closed');
    const refusal = await submissionRefusal(trx, c, scope.familyId, childId, period.start_day, nowIso);
    if (refusal) throw new ConflictError(refusal);
    const existing = new Map((await repo.wishesOfChild(trx, c.id, childId, scope.familyId)).map((w) => [`${w.unit_id}|${w.day}`, w]));
    const wanted = new Map(input.wishes.map((w) => [`${w.unitId}|${w.day}`, w]));
    const gone = [...existing.entries()].filter(([k]) => !wanted.has(k)).map(([, w]) => w.id);
    if (gone.length) await trx.deleteFrom('campaign_wish').where('id', 'in', gone).execute();
    for (const [k, w] of wanted) {
      const before = existing.get(k);
      const preference = w.preference ?? null;
      if (before) {
        if (before.preference !== preference) await trx.updateTable('campaign_wish').set({ preference, updated_at: nowIso, account_id: scope.accountId }).where('id', '=', before.id).execute();
      } else {
        // the first-come comparison of the simulation orders wishes by their first submission (created_at)
        await trx
          .insertInto('campaign_wish')
          .values({ id: randomUUID(), campaign_id: c.id, family_id: scope.familyId, child_id: childId, unit_id: w.unitId, day: w.day, preference, account_id: scope.accountId, created_at: nowIso, updated_at: nowIso })
          .onConflict((oc) => oc.columns(['campaign_id', 'child_id', 'unit_id', 'day']).doUpdateSet({ preference, updated_at: nowIso }))
          .execute();
      }
    }
    await recordAudit(trx, ctx.clock, { id: scope.accountId, email: scope.email }, {
      action: 'campaign.wishes_saved',
      familyId: scope.familyId,
      targetType: 'child',
      targetId: childId,
      details: { campaignId: c.id, wishes: input.wishes.length },
    });
  });
  return familyView(ctx, await found(ctx.db, campaignId), scope, childId, language);
}

/** Plain words for one outcome. */
export function outcomeText(o: { status: string; reason: string | null; wait_rank: number | null; applied: string[] }, rankNow: number | null, c: repo.CampaignRow, language: Language): string {
  const t = translator(language);
  switch (o.status) {
    case 'allocated':
      return t('campaigns:outcome.allocated');
    case 'already_booked':
      return t('campaigns:outcome.alreadyBooked');
    case 'ineligible':
      return t('campaigns:outcome.ineligible', { reason: t(`campaigns:ineligible.${o.reason ?? 'category'}` as 'campaigns:ineligible.age') });
    case 'capped': {
      const e = parse<EligibilityInput>(c.eligibility);
      return o.reason === 'max_period' ? t('campaigns:outcome.cappedPeriod', { count: e.maxDaysPerPeriod ?? 0 }) : t('campaigns:outcome.cappedWeek', { count: e.maxDaysPerWeek ?? 0 });
    }
    default: {
      const why = o.applied.length
        ? t('campaigns:outcome.priorities', { list: o.applied.map((k) => t(`campaigns:applied.${k}` as 'campaigns:applied.residence')).join(', ') })
        : t('campaigns:outcome.noPriority');
      const rank = rankNow ?? o.wait_rank ?? 0;
      return o.reason === 'siblings' ? t('campaigns:outcome.waitlistedSiblings', { rank, why }) : t('campaigns:outcome.waitlisted', { rank, why });
    }
  }
}

/** The family's outcomes of every published campaign, with the current state of each place and waiting rank. */
export async function familyOutcomes(ctx: AppContext, scope: CampaignScope, language: Language): Promise<FamilyOutcomes> {
  const rows = await repo.outcomesOfFamily(ctx.db, scope.familyId);
  const campaigns = await repo.publishedCampaigns(ctx.db, [...new Set(rows.map((r) => r.campaign_id))]);
  const names = new Map((await childrenOfFamilies(ctx.db, [scope.familyId])).map((ch) => [ch.id, `${ch.first_name} ${ch.last_name}`]));
  const out: FamilyOutcomes = [];
  for (const c of campaigns.sort((a, b) => (a.published_at! < b.published_at! ? 1 : -1))) {
    const period = await catalog.findPeriod(ctx.db, c.period_id);
    const activity = await catalog.findActivity(ctx.db, c.activity_id);
    const units = new Map((await catalog.listUnits(ctx.db, c.activity_id)).map((u) => [u.id, u.label]));
    if (!period || !activity) continue;
    const now = await familyPlacesNow(ctx.db, scope.familyId, c.activity_id, period.start_day, period.end_day);
    out.push({
      campaignId: c.id,
      activityName: activity.name,
      periodLabel: period.label,
      publishedAt: c.published_at!,
      seed: c.seed,
      seedText: c.seed_text,
      rules: rulesText(c, language),
      items: rows
        .filter((r) => r.campaign_id === c.id)
        .map((r) => {
          const place = now.get(`${r.child_id}|${r.unit_id}|${r.day}`);
          const applied = parse<string[]>(r.applied);
          const stillWaiting = r.status === 'waitlisted' && place?.state === 'waitlisted';
          return {
            childId: r.child_id,
            childName: names.get(r.child_id) ?? '',
            unitLabel: units.get(r.unit_id) ?? '',
            day: r.day,
            status: r.status,
            text: outcomeText({ ...r, applied }, stillWaiting ? place!.position : null, c, language),
            now: place ? place.state : ('none' as const),
            rankNow: place?.state === 'waitlisted' ? place.position : null,
            rankAtPublication: r.wait_rank,
          };
        }),
    });
  }
  return out;
}
