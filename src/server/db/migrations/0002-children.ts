import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.js';

/**
 * Children's records (guide §4.4 to §4.6), the staff-managed reference lists and the health-data key check.
 * Health answers live in child.health_data, encrypted by the application (src/server/crypto): the database never
 * holds them in clear. Booleans are integers 0/1 on both databases.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  const serial = (t: any) =>
    pg ? t.addColumn('id', 'serial', (c: any) => c.primaryKey()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  await db.schema
    .createTable('reference_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql.raw("kind in ('diseases', 'allergies', 'authorizations', 'kinships', 'diets')")),
    )
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(sql.raw('active in (0, 1)')))
    // removed by staff: never erased, so children keep their answers and the label they had
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index reference_item_label_uq on reference_item (kind, lower(label)) where archived_at is null`.execute(db);
  await db.schema.createIndex('reference_item_kind_idx').on('reference_item').columns(['kind', 'position']).execute();

  await db.schema
    .createTable('child')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('family.id').onDelete('cascade'))
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull().check(sql.raw("sex in ('F', 'M')")))
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('school', 'text')
    .addColumn('school_class', 'text')
    .addColumn('diet_item_id', 'text', (c) => c.references('reference_item.id'))
    .addColumn('diet_label', 'text')
    // the « Renseignements médicaux » block, AES-256-GCM ciphertext (hd1:…)
    .addColumn('health_data', 'text', (c) => c.notNull())
    // folded "last first" names for the staff search
    .addColumn('search_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('child_family_idx').on('child').column('family_id').execute();
  await db.schema.createIndex('child_birth_date_idx').on('child').column('birth_date').execute();

  const person = (t: any) =>
    t
      .addColumn('last_name', 'text', (c: any) => c.notNull())
      .addColumn('first_name', 'text', (c: any) => c.notNull())
      .addColumn('relationship', 'text', (c: any) => c.notNull())
      .addColumn('address_line1', 'text')
      .addColumn('address_line2', 'text')
      .addColumn('postal_code', 'text')
      .addColumn('city', 'text')
      .addColumn('insee_code', 'text')
      .addColumn('phone1', 'text', (c: any) => c.notNull())
      .addColumn('phone2', 'text');

  await person(
    db.schema
      .createTable('child_contact')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('child_id', 'text', (c) => c.notNull().references('child.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('child_contact_child_idx').on('child_contact').column('child_id').execute();

  // A pick-up person is either one of the child's contacts (contact_id) or a person of its own (the columns).
  await db.schema
    .createTable('child_pickup')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('child_id', 'text', (c) => c.notNull().references('child.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.references('child_contact.id'))
    .addColumn('last_name', 'text')
    .addColumn('first_name', 'text')
    .addColumn('relationship', 'text')
    .addColumn('address_line1', 'text')
    .addColumn('address_line2', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('city', 'text')
    .addColumn('insee_code', 'text')
    .addColumn('phone1', 'text')
    .addColumn('phone2', 'text')
    .addCheckConstraint('child_pickup_person_ck', sql.raw('contact_id is not null or (last_name is not null and phone1 is not null)'))
    .execute();
  await db.schema.createIndex('child_pickup_child_idx').on('child_pickup').column('child_id').execute();
  await db.schema.createIndex('child_pickup_contact_idx').on('child_pickup').column('contact_id').execute();

  await db.schema
    .createTable('child_authorization')
    .addColumn('child_id', 'text', (c) => c.notNull().references('child.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('reference_item.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('answer', 'integer', (c) => c.notNull().check(sql.raw('answer in (0, 1)')))
    .addPrimaryKeyConstraint('child_authorization_pk', ['child_id', 'item_id'])
    .execute();

  // What the family changed, field by field. Health rows (health = 1) hold ciphertext in payload.
  await serial(db.schema.createTable('child_history'))
    .addColumn('child_id', 'text', (c: any) => c.notNull().references('child.id').onDelete('cascade'))
    .addColumn('family_id', 'text', (c: any) => c.notNull())
    .addColumn('at', 'text', (c: any) => c.notNull())
    .addColumn('actor_account_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('actor_kind', 'text')
    .addColumn('field', 'text', (c: any) => c.notNull())
    .addColumn('health', 'integer', (c: any) => c.notNull())
    .addColumn('payload', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('child_history_child_idx').on('child_history').columns(['child_id', 'id']).execute();

  // One known value encrypted with the health-data key: a missing or wrong key is detected at start.
  await db.schema
    .createTable('crypto_key_check')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('check_value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await seedReferenceLists(db);
}

/** The lists every city starts from (reference data, written on every new database); staff adapt them. */
const DEFAULT_LISTS: Record<string, [string, string | null][]> = {
  diseases: [
    ['Rubéole', null],
    ['Varicelle', null],
    ['Angine', null],
    ['Rhumatisme articulaire aigu', null],
    ['Scarlatine', null],
    ['Coqueluche', null],
    ['Otite', null],
    ['Rougeole', null],
    ['Oreillons', null],
  ],
  allergies: [
    ['Asthme', null],
    ['Alimentaire', null],
    ['Médicamenteuse', null],
    ['Autre (animaux, plantes, pollen…)', null],
  ],
  authorizations: [
    ['Droit à l’image', 'J’autorise la ville à photographier ou filmer mon enfant lors des activités et à utiliser ces images dans ses publications.'],
    ['Sortie seul(e)', 'J’autorise mon enfant à quitter seul(e) l’accueil à la fin des activités.'],
    ['Transport', 'J’autorise mon enfant à être transporté(e) en car ou minibus lors des sorties.'],
    ['Soins d’urgence', 'J’autorise le responsable à prendre toutes les mesures rendues nécessaires par l’état de santé de mon enfant (traitement médical, hospitalisation, intervention chirurgicale).'],
  ],
  kinships: [
    ['Mère', null],
    ['Père', null],
    ['Grand-mère', null],
    ['Grand-père', null],
    ['Tante', null],
    ['Oncle', null],
    ['Sœur', null],
    ['Frère', null],
    ['Belle-mère', null],
    ['Beau-père', null],
    ['Cousin(e)', null],
    ['Assistant(e) maternel(le)', null],
    ['Voisin(e)', null],
    ['Ami(e) de la famille', null],
  ],
  diets: [
    ['Sans porc', null],
    ['Végétarien', null],
    ['Sans viande', null],
    ['PAI alimentaire (panier repas)', null],
  ],
};

async function seedReferenceLists(db: Kysely<any>): Promise<void> {
  const now = new Date().toISOString();
  const rows = Object.entries(DEFAULT_LISTS).flatMap(([kind, items]) =>
    items.map(([label, description], i) => ({
      id: randomUUID(),
      kind,
      label,
      description,
      position: i + 1,
      active: 1,
      archived_at: null,
      created_at: now,
      updated_at: now,
    })),
  );
  await db.insertInto('reference_item').values(rows).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['crypto_key_check', 'child_history', 'child_authorization', 'child_pickup', 'child_contact', 'child', 'reference_item']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
