import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.js';
import { hashPassword } from '../modules/account/account.password.js';
import { isoNow } from '../clock.js';

export const DEMO_LOGINS = {
  family: 'famille@example.org',
  pendingFamily: 'nouvelle-famille@example.org',
  admin: 'admin@example.org',
  agent: 'agent@example.org',
} as const;

/** True when the database holds no account at all: the only state in which demo data is written. */
export async function isEmpty(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db.selectFrom('account').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/**
 * Demo data for "Ville de Comines": a validated family, a family awaiting validation, an admin and an agent.
 * Written only into an empty database, in one transaction.
 */
export async function seedDemo(ctx: AppContext, password: string): Promise<boolean> {
  if (!(await isEmpty(ctx))) return false;
  const passwordHash = await hashPassword(password);
  const now = isoNow(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    const families = [
      {
        email: DEMO_LOGINS.family,
        status: 'active' as const,
        g1: { civility: 'MME' as const, last_name: 'Martin', first_name: 'Claire', mobile_phone: '0612345678', birth_date: '1986-04-12' },
        g2: { civility: 'M' as const, last_name: 'Martin', first_name: 'Julien', mobile_phone: '0698765432', birth_date: '1984-11-03' },
        address: '12 rue de la Lys',
        situation: 'married',
        quotient: 780,
      },
      {
        email: DEMO_LOGINS.pendingFamily,
        status: 'pending' as const,
        g1: { civility: 'M' as const, last_name: 'Dupont', first_name: 'Karim', mobile_phone: '0755443322', birth_date: '1990-02-20' },
        g2: null,
        address: '3 place Sainte-Anne',
        situation: 'single',
        quotient: null,
      },
    ];
    for (const f of families) {
      const familyId = randomUUID();
      await trx
        .insertInto('family')
        .values({
          id: familyId,
          address_line1: f.address,
          address_line2: null,
          postal_code: '59560',
          city: 'Comines',
          insee_code: '59152',
          family_situation: f.situation,
          benefits_regime: f.quotient ? 'CAF' : null,
          benefits_number: f.quotient ? '1234567' : null,
          family_quotient: f.quotient,
          payer_rank: 1,
          terms_accepted_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
      for (const [rank, g] of [[1, f.g1], [2, f.g2]] as const) {
        if (!g) continue;
        await trx
          .insertInto('guardian')
          .values({
            id: randomUUID(),
            family_id: familyId,
            rank,
            ...g,
            home_phone: null,
            work_phone: null,
            email: rank === 1 ? f.email : null,
            profession: null,
            employer: null,
          })
          .execute();
      }
      await trx
        .insertInto('account')
        .values({
          id: randomUUID(),
          email: f.email,
          password_hash: passwordHash,
          kind: 'family',
          role: null,
          status: f.status,
          family_id: familyId,
          display_name: `${f.g1.first_name} ${f.g1.last_name}`,
          rejection_reason: null,
          validated_at: f.status === 'active' ? now : null,
          validated_by: null,
          password_changed_at: now,
          last_login_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    for (const s of [
      { email: DEMO_LOGINS.admin, role: 'admin' as const, name: 'Sophie Leroy (administratrice)' },
      { email: DEMO_LOGINS.agent, role: 'agent' as const, name: 'Marc Petit (agent)' },
    ]) {
      await trx
        .insertInto('account')
        .values({
          id: randomUUID(),
          email: s.email,
          password_hash: passwordHash,
          kind: 'staff',
          role: s.role,
          status: 'active',
          family_id: null,
          display_name: s.name,
          rejection_reason: null,
          validated_at: now,
          validated_by: null,
          password_changed_at: now,
          last_login_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  });
  return true;
}
