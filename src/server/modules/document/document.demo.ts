import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { saveType, submit, review } from './document.service.js';
import { oldestAdmin } from '../account/account.logins.js';
import { listActivities } from '../catalog/catalog.service.js';

/** A one-page PDF, enough for the demo family's sent document. */
const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/**
 * Demo document types (§7): the papers French cities usually ask for, one required before booking the summer
 * holidays; the demo family's tax notice is already accepted, so its list shows several states.
 */
export async function seedDocumentDemo(ctx: AppContext, family: { familyId: string; accountId: string; email: string }): Promise<void> {
  const admin = await oldestAdmin(ctx.db);
  const actor = admin ?? { id: randomUUID(), email: 'demo@portail.invalid' };
  const summer = (await listActivities(ctx.db)).find((a) => a.name === 'Vacances d’été');
  const base = { description: null, validityMonths: null, required: true, requiredForActivityIds: [] as string[], active: true };
  const tax = await saveType(ctx, actor, null, {
    ...base,
    name: 'Avis d’imposition',
    description: 'Le dernier avis d’imposition du foyer, toutes les pages : il sert à calculer vos tarifs.',
    scope: 'family',
    validityKind: 'school_year',
  });
  await saveType(ctx, actor, null, {
    ...base,
    name: 'Attestation d’assurance extrascolaire',
    description: 'Responsabilité civile et individuelle accident de l’enfant, pour l’année scolaire.',
    scope: 'child',
    validityKind: 'school_year',
    requiredForActivityIds: summer ? [summer.id] : [],
  });
  await saveType(ctx, actor, null, {
    ...base,
    name: 'Carnet de vaccination',
    description: 'Les pages des vaccinations, avec le nom de l’enfant.',
    scope: 'child',
    validityKind: 'none',
  });
  await saveType(ctx, actor, null, {
    ...base,
    name: 'Justificatif de domicile',
    description: 'Facture d’énergie ou quittance de loyer de moins de 3 mois.',
    scope: 'family',
    validityKind: 'months',
    validityMonths: 3,
    required: false,
  });
  const sent = await submit(ctx, family, { typeId: tax.id, childId: undefined, files: [{ fileName: 'avis-imposition.pdf', content: DEMO_PDF }] });
  await review(ctx, actor, sent.id, { decision: 'accept', reason: null });
}
