import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createFamily } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ smtp: true });
});
afterAll(async () => {
  await t.close();
});

const PASSWORD = 'Lys-Comines-2026!';
let n = 0;
function form(o: Record<string, unknown> = {}) {
  n++;
  return {
    civility: 'MME',
    lastName: 'Lefebvre',
    firstName: 'Sophie',
    email: `sophie.lefebvre${n}@exemple.fr`,
    phone: '06 12 34 56 78',
    addressLine1: '4 rue du Château',
    addressLine2: '',
    postalCode: '59560',
    city: 'comines',
    password: PASSWORD,
    passwordConfirmation: PASSWORD,
    acceptTerms: true,
    ...o,
  };
}

async function counts() {
  const one = async (table: 'family' | 'guardian' | 'account' | 'outbox') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { family: await one('family'), guardian: await one('guardian'), account: await one('account'), outbox: await one('outbox') };
}

describe('« Créer mon compte »', () => {
  it('creates a pending family account and mails an acknowledgement', async () => {
    const body = form({ email: '  Sophie.NOUVELLE@Exemple.fr ' });
    const res = await t.client().post('/api/accounts', body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ status: 'pending' });

    const account = await t.ctx.db.selectFrom('account').selectAll().where('email', '=', 'sophie.nouvelle@exemple.fr').executeTakeFirstOrThrow();
    expect(account).toMatchObject({ kind: 'family', status: 'pending', role: null, display_name: 'Sophie Lefebvre' });
    expect(account.password_hash).toMatch(/^\$argon2id\$/);
    const family = await t.ctx.db.selectFrom('family').selectAll().where('id', '=', account.family_id!).executeTakeFirstOrThrow();
    expect(family).toMatchObject({ postal_code: '59560', city: 'Comines', insee_code: '59152', address_line1: '4 rue du Château', address_line2: null });
    expect(family.terms_accepted_at).toBe(t.clock.now().toISOString());
    const guardian = await t.ctx.db.selectFrom('guardian').selectAll().where('family_id', '=', family.id).executeTakeFirstOrThrow();
    expect(guardian).toMatchObject({ rank: 1, civility: 'MME', last_name: 'Lefebvre', first_name: 'Sophie', mobile_phone: '0612345678', email: 'sophie.nouvelle@exemple.fr' });
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('family_id', '=', family.id).execute();
    expect(audit).toMatchObject([{ action: 'account.registered', actor_account_id: null }]);

    expect(await t.deliverMail()).toBeGreaterThanOrEqual(1);
    const mail = t.smtp!.last('sophie.nouvelle@exemple.fr');
    expect(mail.subject).toMatch(/^Votre demande de compte famille a bien été reçue/);
    expect(mail.text).toContain('Bonjour Sophie');
    expect(mail.text).toContain('3 jours ouvrés');
    expect(mail.text).not.toContain(PASSWORD);
  });

  it('lets the new family sign in at once, with a pending status', async () => {
    const body = form();
    await t.client().post('/api/accounts', body);
    const res = await t.client().post('/api/auth/login', { email: body.email, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ status: 'pending', kind: 'family', displayName: 'Sophie Lefebvre' });
  });

  it('gives the same answer for an address that already has an account and mails its owner instead', async () => {
    const existing = await createFamily(t.ctx);
    const before = await counts();
    const res = await t.client().post('/api/accounts', form({ email: existing.email.toUpperCase() }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ status: 'pending' });
    const after = await counts();
    expect(after).toEqual({ ...before, outbox: before.outbox + 1 });
    const account = await t.ctx.db.selectFrom('account').selectAll().where('email', '=', existing.email).executeTakeFirstOrThrow();
    expect(account.id).toBe(existing.accountId);
    expect(account.status).toBe('active');

    await t.deliverMail();
    const mail = t.smtp!.last(existing.email);
    expect(mail.subject).toMatch(/^Un compte existe déjà avec cette adresse/);
    expect(mail.links).toEqual(['http://portail.test/', 'http://portail.test/identifiant-oublie']);
    expect(mail.text).toContain('aucun nouveau compte n’a été créé');
  });

  it('copes with two registrations of the same address at once: one account, same answers', async () => {
    const body = form();
    const [a, b] = await Promise.all([t.client().post('/api/accounts', body), t.client().post('/api/accounts', body)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toEqual(b.body);
    const rows = await t.ctx.db.selectFrom('account').select('id').where('email', '=', body.email).execute();
    expect(rows).toHaveLength(1);
    const families = await t.ctx.db
      .selectFrom('guardian')
      .select('family_id')
      .where('email', '=', body.email)
      .execute();
    expect(families).toHaveLength(1);
    await t.deliverMail();
    expect(t.smtp!.to(body.email).map((m) => m.subject.split(' — ')[0]).sort()).toEqual([
      'Un compte existe déjà avec cette adresse',
      'Votre demande de compte famille a bien été reçue',
    ]);
  });

  it('refuses a city that does not match the postal code, and saves nothing', async () => {
    const before = await counts();
    const res = await t.client().post('/api/accounts', form({ postalCode: '59560', city: 'Lille' }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('request.invalid');
    expect(res.body.error.fields).toEqual([
      {
        path: 'city',
        code: 'postal_code.unknown_city',
        message: 'Cette commune ne correspond pas au code postal : choisissez-la dans la liste proposée.',
      },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('stores the official spelling of the city', async () => {
    const body = form({ postalCode: '42000', city: 'saint etienne' });
    expect((await t.client().post('/api/accounts', body)).status).toBe(201);
    const row = await t.ctx.db
      .selectFrom('family')
      .innerJoin('account', 'account.family_id', 'family.id')
      .select(['family.city', 'family.insee_code'])
      .where('account.email', '=', body.email)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ city: 'Saint-Étienne', insee_code: '42218' });
  });

  it('lists every field problem in French with its path, and saves nothing', async () => {
    const before = await counts();
    const res = await t.client().post('/api/accounts', {
      civility: '',
      lastName: ' ',
      firstName: '',
      email: 'pas-une-adresse',
      phone: '12',
      addressLine1: '',
      postalCode: '5956',
      city: '',
      password: 'court',
      passwordConfirmation: 'autre',
      acceptTerms: false,
    });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(res.body.error.fields.map((f: { path: string; code: string; message: string }) => [f.path, f]));
    expect(byPath.civility).toMatchObject({ code: 'required', message: 'Indiquez la civilité.' });
    expect(byPath.lastName).toMatchObject({ code: 'required', message: 'Saisissez le nom.' });
    expect(byPath.firstName).toMatchObject({ code: 'required', message: 'Saisissez le prénom.' });
    expect(byPath.email).toMatchObject({ code: 'email.invalid', message: expect.stringMatching(/adresse e-mail valide/) });
    expect(byPath.phone).toMatchObject({ code: 'phone.invalid', message: expect.stringMatching(/numéro de téléphone valide/) });
    expect(byPath.addressLine1).toMatchObject({ code: 'required', message: 'Saisissez l’adresse (numéro et rue).' });
    expect(byPath.postalCode).toMatchObject({ code: 'postal_code.invalid', message: 'Le code postal compte 5 chiffres.' });
    expect(byPath.city).toMatchObject({ code: 'required', message: 'Saisissez la commune.' });
    expect(byPath.password).toMatchObject({ code: 'password.too_short', message: expect.stringMatching(/au moins 12 caractères/) });
    expect(byPath.acceptTerms).toMatchObject({ code: 'terms.required', message: expect.stringMatching(/conditions d’utilisation/) });
    expect(await counts()).toEqual(before);
  });

  it('refuses two different passwords', async () => {
    const res = await t.client().post('/api/accounts', form({ passwordConfirmation: 'Autre-Chose-2026!' }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'passwordConfirmation', code: 'password.mismatch', message: 'Les deux mots de passe ne sont pas identiques.' },
    ]);
  });

  it('refuses a common password and one built on the e-mail or the name', async () => {
    const common = await t.client().post('/api/accounts', form({ password: 'Azerty123!', passwordConfirmation: 'Azerty123!' }));
    expect(common.status).toBe(400);
    expect(common.body.error.fields[0]).toMatchObject({ path: 'password', code: 'password.common' });

    const fromEmail = 'Jean.Moulinier-2026!';
    const res = await t.client().post('/api/accounts', form({ email: 'moulinier@exemple.fr', password: fromEmail, passwordConfirmation: fromEmail }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'password', code: 'password.common', message: expect.stringMatching(/trop facile à deviner .*votre nom ou votre adresse e-mail/) },
    ]);

    // long enough and of 3 kinds, but easy to guess (the estimator, zxcvbn-ts, decides on the server)
    for (const guessable of ['Qsdfghjklm12', '123456789Abc', 'un deux trois quatre']) {
      const g = await t.client().post('/api/accounts', form({ password: guessable, passwordConfirmation: guessable }));
      expect(g.status, guessable).toBe(400);
      expect(g.body.error.fields, guessable).toEqual([{ path: 'password', code: 'password.common', message: expect.stringMatching(/^Ce mot de passe est trop facile à deviner/) }]);
    }

    const fromName = 'Lefebvre-Maison-59!';
    const named = await t.client().post('/api/accounts', form({ password: fromName, passwordConfirmation: fromName }));
    expect(named.status).toBe(400);
    expect(named.body.error.fields[0]).toMatchObject({ path: 'password', code: 'password.common' });
  });

  it('accepts a foreign mobile number and stores it in international form', async () => {
    const body = form({ phone: '+32 470 12 34 56' });
    expect((await t.client().post('/api/accounts', body)).status).toBe(201);
    const g = await t.ctx.db.selectFrom('guardian').select('mobile_phone').where('email', '=', body.email).executeTakeFirstOrThrow();
    expect(g.mobile_phone).toBe('+32470123456');
  });

  it('limits registrations from one address to 10 per hour', async () => {
    const c = t.client('198.51.100.9');
    for (let i = 0; i < 10; i++) expect((await c.post('/api/accounts', form({ city: 'Nulle-Part' }))).status).toBe(400);
    const res = await c.post('/api/accounts', form());
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('request.rate_limited');
  });

  it('never writes the password in the logs', async () => {
    const logs = t.logs.join('\n');
    expect(logs).not.toContain(PASSWORD);
    expect(logs).not.toContain('Jean.Moulinier-2026!');
  });
});
