/**
 * Demo data of issue 11: a child shared by two households (separated parents), alternate weeks. The households and
 * their logins are written by the demo seed (src/server/demo/seed.ts); the child, the link and the schedule go
 * through this module's services, as the family and the staff would make them (audited, both households mailed).
 */
import type { AppContext } from '../../context.js';
import { mondayOf, parisDateOf } from '../../../shared/calendar/paris-time.js';
import type { ChildInput } from '../../../shared/child-contracts.js';
import { childInput } from '../../../shared/child-contracts.js';
import type { Actor } from '../audit/audit.service.js';
import { createChild } from './child.service.js';
import { linkHousehold, setCustody } from './child.households.js';

export async function seedSharedChildDemo(
  ctx: AppContext,
  o: {
    first: { familyId: string; accountId: string; email: string; displayName: string };
    second: { familyId: string };
    staff: Actor;
    child: ChildInput;
  },
): Promise<string> {
  const child = await createChild(ctx, o.first, childInput.parse(o.child));
  await linkHousehold(ctx, o.staff, child.id, { familyId: o.second.familyId, identityChecked: true, identityNote: 'Démonstration : livret de famille et jugement présentés en mairie' });
  // this week is the first household's, the next one the second's, and so on
  await setCustody(ctx, o.staff, child.id, { kind: 'alternate_weeks', referenceMonday: mondayOf(parisDateOf(ctx.clock.now())), referenceFamilyId: o.first.familyId });
  return child.id;
}
