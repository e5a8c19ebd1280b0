import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../src/server/context.js';
import { hashPassword } from '../../src/server/modules/account/account.password.js';

export const TEST_PASSWORD = 'Portail-Test-2026!';
let cachedHash: Promise<string> | null = null;
function testHash(password: string): Promise<string> {
  if (password !== TEST_PASSWORD) return hashPassword(password);
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return cachedHash;
}

export interface FamilyFixture {
  accountId: string;
  familyId: string;
  email: string;
  password: string;
}

let seq = 0;

/** A family with its account, written directly (no mail): for tests that start from an existing family. */
export async function createFamily(
  ctx: AppContext,
  o: { email?: string; status?: 'pending' | 'active' | 'rejected' | 'disabled'; lastName?: string; password?: string; postalCode?: string; city?: string } = {},
): Promise<FamilyFixture> {
  const n = ++seq;
  const email = o.email ?? `famille${n}-${randomUUID().slice(0, 8)}@example.org`;
  const password = o.password ?? TEST_PASSWORD;
  const now = ctx.clock.now().toISOString();
  const familyId = randomUUID();
  const accountId = randomUUID();
  const passwordHash = await testHash(password);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('family')
      .values({
        id: familyId,
        address_line1: `${n} rue des Tests`,
        address_line2: null,
        postal_code: o.postalCode ?? '59560',
        city: o.city ?? 'Comines',
        insee_code: '59152',
        family_situation: 'married',
        benefits_regime: null,
        benefits_number: null,
        family_quotient: null,
        payer_rank: 1,
        terms_accepted_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('guardian')
      .values({
        id: randomUUID(),
        family_id: familyId,
        rank: 1,
        civility: 'MME',
        last_name: o.lastName ?? `Testeur${n}`,
        first_name: 'Alice',
        birth_date: '1985-05-05',
        mobile_phone: '0612345678',
        home_phone: null,
        work_phone: null,
        email,
        profession: null,
        employer: null,
      })
      .execute();
    await trx
      .insertInto('account')
      .values({
        id: accountId,
        email,
        password_hash: passwordHash,
        kind: 'family',
        role: null,
        status: o.status ?? 'active',
        family_id: familyId,
        display_name: `Alice ${o.lastName ?? `Testeur${n}`}`,
        member_role: 'holder',
        can_book: 1,
        can_pay: 1,
        can_edit: 1,
        guardian_rank: 1,
        rejection_reason: null,
        validated_at: o.status === 'pending' ? null : now,
        validated_by: null,
        password_changed_at: now,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
  return { accountId, familyId, email, password };
}

export async function createStaff(
  ctx: AppContext,
  o: { email?: string; role?: 'admin' | 'agent'; password?: string; status?: 'active' | 'disabled' } = {},
): Promise<{ accountId: string; email: string; password: string }> {
  const n = ++seq;
  const email = o.email ?? `agent${n}-${randomUUID().slice(0, 8)}@ville.example`;
  const password = o.password ?? TEST_PASSWORD;
  const now = ctx.clock.now().toISOString();
  const accountId = randomUUID();
  await ctx.db
    .insertInto('account')
    .values({
      id: accountId,
      email,
      password_hash: await testHash(password),
      kind: 'staff',
      role: o.role ?? 'agent',
      status: o.status ?? 'active',
      family_id: null,
      display_name: `Agent ${n}`,
      rejection_reason: null,
      validated_at: now,
      validated_by: null,
      password_changed_at: now,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { accountId, email, password };
}

/**
 * A second member of a family (issue 11), written directly (no invitation, no mail): guardian 2 by default, with the
 * given rights (none by default), active unless said otherwise.
 */
export async function addMember(
  ctx: AppContext,
  family: { familyId: string },
  o: { email?: string; rights?: { canBook?: boolean; canPay?: boolean; canEdit?: boolean }; guardianRank?: 1 | 2; status?: 'pending' | 'active'; password?: string; name?: string } = {},
): Promise<FamilyFixture> {
  const n = ++seq;
  const email = o.email ?? `membre${n}-${randomUUID().slice(0, 8)}@example.org`;
  const password = o.password ?? TEST_PASSWORD;
  const now = new Date(ctx.clock.now().getTime() + n).toISOString();
  const accountId = randomUUID();
  await ctx.db
    .insertInto('account')
    .values({
      id: accountId,
      email,
      password_hash: await testHash(password),
      kind: 'family',
      role: null,
      status: o.status ?? 'active',
      family_id: family.familyId,
      display_name: o.name ?? `Bruno Membre${n}`,
      member_role: 'member',
      can_book: o.rights?.canBook ? 1 : 0,
      can_pay: o.rights?.canPay ? 1 : 0,
      can_edit: o.rights?.canEdit ? 1 : 0,
      guardian_rank: o.guardianRank ?? 2,
      rejection_reason: null,
      validated_at: o.status === 'pending' ? null : now,
      validated_by: null,
      password_changed_at: now,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { accountId, familyId: family.familyId, email, password };
}
