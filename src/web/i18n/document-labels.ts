/**
 * The words and limits of supporting documents (guide §7). Same as src/shared/document-contracts.ts, repeated here so
 * the pages import only types from the contracts (importing values would bring zod into the browser bundle); apart
 * from fr.ts so that the login page does not carry them.
 */
export const DOCUMENT_STATE_LABELS = {
  to_provide: 'À fournir',
  pending: 'Envoyé, en attente de vérification',
  accepted: 'Accepté',
  expiring_soon: 'Bientôt expiré',
  expired: 'Expiré',
  refused: 'Refusé',
} as const;

export const DOCUMENT_SCOPE_LABELS = { family: 'La famille', child: 'Chaque enfant' } as const;

export const VALIDITY_KIND_LABELS = {
  none: 'Sans limite',
  school_year: 'Une année scolaire (jusqu’au 31 août)',
  months: 'Un nombre de mois',
} as const;

export const DOCUMENT_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const DOCUMENT_MAX_FILES = 5;
export const DOCUMENT_FILE_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
/** @deprecated the words are common:documentFileHint (English too); kept while a page still reads this. */
export const DOCUMENT_FILE_HINT =
  'PDF, JPEG ou PNG (les photos prises avec un téléphone conviennent), 10 Mo au plus par fichier, 5 fichiers au plus (par exemple le recto et le verso d’une carte).';
