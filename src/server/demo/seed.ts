import { writeTransaction } from '../db/write.js';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.js';
import { hashPassword } from '../modules/account/account.password.js';
import { addMs, isoNow } from '../clock.js';
import { childInput, type ChildInput, type ReferenceLists } from '../../shared/child-contracts.js';
import { activeLists } from '../modules/lists/lists.service.js';
import { createChild } from '../modules/child/child.service.js';
import { seedCatalogDemo } from '../modules/catalog/catalog.demo.js';
import { seedBillingDemo } from '../modules/billing/billing.demo.js';
import { seedDocumentDemo } from '../modules/document/document.demo.js';
import { seedSharedChildDemo } from '../modules/child/child.demo.js';
import { seedMessagesDemo } from '../modules/messaging/messaging.demo.js';
import { seedCampaignDemo } from '../modules/campaign/campaign.demo.js';

export const DEMO_LOGINS = {
  family: 'famille@example.org',
  /** the validated family's second guardian, own login, limited rights (issue 11) */
  secondGuardian: 'julien.martin@example.org',
  pendingFamily: 'nouvelle-famille@example.org',
  /** separated parents (issue 11): two households sharing Nina, alternate weeks, each with its own login */
  separatedMother: 'sophie.bernard@example.org',
  separatedFather: 'thomas.roussel@example.org',
  admin: 'admin@example.org',
  agent: 'agent@example.org',
} as const;

/** The demo logins as the start banner prints them (npm start, npm run cluster); `password` unknown: where to find it. */
export function demoLoginLines(password: string | null | undefined): string[] {
  return [
    '',
    '  Comptes de démonstration / demo logins:',
    `    famille validée         ${DEMO_LOGINS.family}`,
    `    2e parent (réserver)    ${DEMO_LOGINS.secondGuardian}`,
    `    famille en attente      ${DEMO_LOGINS.pendingFamily}`,
    `    garde alternée (mère)   ${DEMO_LOGINS.separatedMother}`,
    `    garde alternée (père)   ${DEMO_LOGINS.separatedFather}`,
    `    administratrice         ${DEMO_LOGINS.admin}`,
    `    agent                   ${DEMO_LOGINS.agent}`,
    password
      ? `    mot de passe / password ${password}`
      : '    mot de passe : celui affiché au premier démarrage (ou définissez DEMO_PASSWORD sur une base vide)',
    '    administratrice : à la première connexion, enregistrer une clé d’accès ou une application d’authentification',
    '      (double authentification obligatoire) / the admin enrols a passkey or an authenticator app at first sign-in',
  ];
}

/** True when the database holds no account at all: the only state in which demo data is written. */
export async function isEmpty(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db.selectFrom('account').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/**
 * Demo data for "Ville de Comines": a validated family (with two complete children's records), a family awaiting
 * validation, an admin and an agent. Written only into an empty database. (The reference lists are not demo
 * data: migration 0002 writes them on every new database.)
 */
export async function seedDemo(ctx: AppContext, password: string): Promise<boolean> {
  if (!(await isEmpty(ctx))) return false;
  const passwordHash = await hashPassword(password);
  const now = isoNow(ctx.clock);
  const demoFamily = { familyId: '', accountId: '' };
  const separated = new Map<string, { familyId: string; accountId: string }>();
  await writeTransaction(ctx, async (trx) => {
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
      // issue 11: separated parents, each their own household (address, payer, bookings, invoices), sharing Nina
      {
        email: DEMO_LOGINS.separatedMother,
        status: 'active' as const,
        g1: { civility: 'MME' as const, last_name: 'Bernard', first_name: 'Sophie', mobile_phone: '0611223344', birth_date: '1988-06-30' },
        g2: null,
        address: '7 rue du Fort',
        situation: 'divorced',
        quotient: 620,
      },
      {
        email: DEMO_LOGINS.separatedFather,
        status: 'active' as const,
        g1: { civility: 'M' as const, last_name: 'Roussel', first_name: 'Thomas', mobile_phone: '0744556677', birth_date: '1985-01-17' },
        g2: null,
        address: '21 chemin du Halage',
        situation: 'divorced',
        quotient: 910,
      },
    ];
    for (const f of families) {
      const familyId = randomUUID();
      const accountId = randomUUID();
      if (f.email === DEMO_LOGINS.family) Object.assign(demoFamily, { familyId, accountId });
      separated.set(f.email, { familyId, accountId });
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
          id: accountId,
          email: f.email,
          password_hash: passwordHash,
          kind: 'family',
          role: null,
          status: f.status,
          family_id: familyId,
          display_name: `${f.g1.first_name} ${f.g1.last_name}`,
          member_role: 'holder',
          can_book: 1,
          can_pay: 1,
          can_edit: 1,
          guardian_rank: 1,
          rejection_reason: null,
          validated_at: f.status === 'active' ? now : null,
          validated_by: null,
          password_changed_at: now,
          last_login_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      // issue 11: the validated family's second guardian has a login of his own, allowed to book and cancel only
      if (f.email === DEMO_LOGINS.family && f.g2)
        await trx
          .insertInto('account')
          .values({
            id: randomUUID(),
            email: DEMO_LOGINS.secondGuardian,
            password_hash: passwordHash,
            kind: 'family',
            role: null,
            status: 'active',
            family_id: familyId,
            display_name: `${f.g2.first_name} ${f.g2.last_name}`,
            member_role: 'member',
            can_book: 1,
            can_pay: 0,
            can_edit: 0,
            guardian_rank: 2,
            rejection_reason: null,
            validated_at: now,
            validated_by: null,
            password_changed_at: now,
            last_login_at: null,
            created_at: addMs(now, 1000),
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
  // Through the child service, as the family would save them: health data encrypted, history started.
  const lists = await activeLists(ctx);
  const scope = { ...demoFamily, email: DEMO_LOGINS.family, displayName: 'Claire Martin' };
  for (const child of demoChildren(lists)) await createChild(ctx, scope, childInput.parse(child));
  await seedCatalogDemo(ctx);
  await seedBillingDemo(ctx, demoFamily.familyId);
  await seedDocumentDemo(ctx, { ...demoFamily, email: DEMO_LOGINS.family });
  // issue 14: a question of the family answered by the agent (unread), answer templates, a news item
  const demoAgent = await ctx.db.selectFrom('account').select(['id', 'email']).where('email', '=', DEMO_LOGINS.agent).executeTakeFirstOrThrow();
  await seedMessagesDemo(ctx, { ...demoFamily, name: 'Claire Martin' }, { ...demoAgent, name: 'Marc Petit' });
  // issue 11: Nina, shared by her mother's and her father's households, one week each
  const mother = separated.get(DEMO_LOGINS.separatedMother)!;
  const admin = await ctx.db.selectFrom('account').select(['id', 'email']).where('email', '=', DEMO_LOGINS.admin).executeTakeFirstOrThrow();
  await seedSharedChildDemo(ctx, {
    first: { ...mother, email: DEMO_LOGINS.separatedMother, displayName: 'Sophie Bernard' },
    second: separated.get(DEMO_LOGINS.separatedFather)!,
    staff: admin,
    child: { ...demoChildren(lists)[1], lastName: 'Roussel', firstName: 'Nina', sex: 'F', birthDate: '2018-05-14', contacts: [], pickups: [] },
  });
  // issue 12: « Séjours nature » opened as a request campaign, its window open; Nina's mother has already asked
  await seedCampaignDemo(ctx, admin, { ...mother, email: DEMO_LOGINS.separatedMother });
  return true;
}

function demoChildren(l: ReferenceLists): ChildInput[] {
  const item = (kind: keyof ReferenceLists, label: string) => l[kind].find((i) => i.label === label)?.id;
  const answered = (kinds: string[]) => Object.fromEntries(l.authorizations.map((a) => [a.id, !kinds.includes(a.label)]));
  const grandmother = {
    ref: 'grand-mere',
    lastName: 'Martin',
    firstName: 'Monique',
    relationship: 'Grand-mère',
    addressLine1: '5 rue de Wervicq',
    postalCode: '59560',
    city: 'Comines',
    phone1: '03 20 39 00 11',
    phone2: '06 45 12 78 90',
  };
  const uncle = { ref: 'oncle', lastName: 'Lefebvre', firstName: 'Antoine', relationship: 'Oncle', phone1: '+32 470 12 34 56' };
  const varicella = item('diseases', 'Varicelle');
  const food = item('allergies', 'Alimentaire');
  return [
    {
      lastName: 'Martin',
      firstName: 'Léa',
      sex: 'F',
      birthDate: '2017-09-21',
      school: 'École Jules Ferry',
      schoolClass: 'CM1',
      dietId: item('diets', 'PAI alimentaire (panier repas)') ?? null,
      health: {
        vaccinationsUpToDate: true,
        lastVaccinationDate: '2023-10-05',
        diseases: varicella ? { [varicella]: true } : {},
        allergies: food ? { [food]: { answer: true, comment: 'Arachide : stylo d’adrénaline dans le cartable, appeler le 15' } } : {},
        medicalHistory: null,
        observations: 'Porte des lunettes pour lire.',
        carePlan: true,
        doctor: { name: 'Dr Anne Lambert', phone: '03 20 14 22 33', address: '10 rue Pasteur, 59560 Comines' },
      },
      contacts: [grandmother, uncle],
      pickups: [
        { source: 'contact', contact: 'grand-mere' },
        { source: 'person', lastName: 'Vandamme', firstName: 'Sophie', relationship: 'Assistante maternelle', phone1: '06 77 88 99 00', postalCode: '59560', city: 'Comines' },
      ],
      authorizations: answered([]),
    },
    {
      lastName: 'Martin',
      firstName: 'Hugo',
      sex: 'M',
      birthDate: '2020-02-11',
      school: 'École Jules Ferry',
      schoolClass: 'Grande section',
      dietId: item('diets', 'Sans porc') ?? null,
      health: {
        vaccinationsUpToDate: true,
        lastVaccinationDate: '2024-02-20',
        diseases: {},
        allergies: {},
        medicalHistory: 'Asthme du nourrisson, sans traitement depuis 2023.',
        observations: 'Difficultés d’endormissement à la sieste.',
        carePlan: false,
        doctor: { name: 'Dr Anne Lambert', phone: '03 20 14 22 33', address: '10 rue Pasteur, 59560 Comines' },
      },
      contacts: [grandmother],
      pickups: [{ source: 'contact', contact: 'grand-mere' }],
      authorizations: answered(['Sortie seul(e)']),
    },
  ];
}
