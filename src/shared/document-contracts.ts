/**
 * HTTP contracts of supporting documents (« pièces justificatives », guide §7, issue 6) and of the family's own data
 * (right of access / portability, account closure). Shared by the server (validation, OpenAPI) and the browser
 * (types). Refusals are error codes (sentences in the `errors` namespace).
 *
 * Vocabulary (GLOSSARY.md):
 *   - document type: what the city asks for (« Avis d’imposition », « Carnet de vaccination »…), for the family or
 *     for each child, with a validity (none, one school year ending 31 August, or N months), required or not, and the
 *     activities it is required for before booking;
 *   - submission (« envoi »): one or more files sent together for one type (and one child when the type is per child),
 *     reviewed by staff: pending → accepted | refused (with a reason the family sees);
 *   - checklist item: one (type, child) the family must or may provide, with its state (DOCUMENT_STATES).
 *
 * Family routes (the family comes from the session; another family's file or child answers the same 404 as a
 * missing one):
 *   GET  /api/documents                         → DocumentChecklist: « liste des documents à fournir » + sent files
 *   POST /api/documents                         multipart/form-data: fields `typeId`, `childId` (when the type is per
 *        child), then 1 to 5 parts named `files` (PDF, JPEG or PNG, checked on their bytes, ≤ 10 MB each; a part over
 *        10 MB → 413 `document.file_too_large` before it is buffered) → 201 Submission. The fields must come BEFORE
 *        the files in the body (browsers keep FormData order). Nothing is stored unless every file is valid.
 *   GET  /api/documents/files/:fileId           → the file as an attachment (Content-Disposition: attachment,
 *        X-Content-Type-Options: nosniff)
 *   GET  /api/family/export                     → application/zip « mes-donnees-<date>.zip »: `donnees.json`
 *        (FamilyExport, below) + `documents/<submissionId>/<file name>` for each file the family sent
 *   POST /api/family/closure-request            ClosureRequestInput → ClosureRequestView (staff are told; the family
 *        keeps its access until staff close it)
 *   GET  /api/family/closure-request            → ClosureRequestView
 *
 * Staff routes (staff = agent or admin; admin for configuration and closures; every staff action is audited):
 *   GET    /api/staff/document-types                        staff → DocumentType[]
 *   POST   /api/staff/document-types                        admin DocumentTypeInput → DocumentType
 *   PATCH  /api/staff/document-types/:typeId                admin DocumentTypeInput → DocumentType
 *   GET    /api/staff/documents/queue                       staff → ReviewItem[] (pending, oldest first)
 *   GET    /api/staff/documents/:submissionId               staff → ReviewItem
 *   GET    /api/staff/documents/files/:fileId               staff ?disposition=inline|attachment (default
 *          attachment) → the file; inline is the preview for an <iframe>/<img>: served with its checked type,
 *          `Content-Security-Policy: sandbox; default-src 'none'; img-src 'self'; plugin-types application/pdf`
 *          (no script), `X-Content-Type-Options: nosniff`, `Cache-Control: private, no-store`
 *   POST   /api/staff/documents/:submissionId/review        staff ReviewInput → ReviewItem (family e-mailed)
 *   GET    /api/staff/families/:familyId/documents          staff → DocumentChecklist of that family
 *   GET    /api/staff/closure-requests                      admin → ClosureRequestItem[]
 *   POST   /api/staff/families/:familyId/close              admin CloseFamilyInput → ErasureReport
 *
 * Booking: booking an activity that needs a document the family has not had accepted (or whose validity ends before
 * the day booked) refuses those lines with the reason `booking.documents_missing` (the reservation's line reason,
 * worded in French by the server as `reasonText`); the planning marks those days `not_open` with that reason, and sets
 * `Planning.blocked = 'booking.documents_missing'` when no day of the week is covered (the page then says it once at
 * the top). `GET /api/documents` items say which activities need each document (`requiredForActivities`).
 */
import { z } from 'zod';
import { optionalText, requiredText } from './contracts.js';
import frLabels from './i18n/fr/labels.js';

// ---------- enums ----------

export const DOCUMENT_SCOPES = ['family', 'child'] as const;
export type DocumentScope = (typeof DOCUMENT_SCOPES)[number];
export const DOCUMENT_SCOPE_LABELS_FR: Record<DocumentScope, string> = frLabels.documentScope;

/** none: never expires; school_year: valid until the 31 August that ends the school year it was accepted in; months: N months. */
export const VALIDITY_KINDS = ['none', 'school_year', 'months'] as const;
export type ValidityKind = (typeof VALIDITY_KINDS)[number];
export const VALIDITY_KIND_LABELS_FR: Record<ValidityKind, string> = frLabels.validityKind;

/** The state of a submission, as staff decide it. */
export const SUBMISSION_STATES = ['pending', 'accepted', 'refused'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/** The state of a checklist item as the family sees it. */
export const DOCUMENT_STATES = ['to_provide', 'pending', 'accepted', 'expiring_soon', 'expired', 'refused'] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];
export const DOCUMENT_STATE_LABELS_FR: Record<DocumentState, string> = frLabels.documentState;
/** An accepted document is « expiring soon » this many days before its last valid day. */
export const EXPIRING_SOON_DAYS = 30;

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_SUBMISSION = 5;
export const ACCEPTED_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[number];
/** For the file input's `accept` attribute. */
export const FILE_INPUT_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

// ---------- document types (staff) ----------

export const documentTypeInput = z
  .object({
    name: requiredText(120),
    description: optionalText(500),
    scope: z.enum(DOCUMENT_SCOPES, { error: 'choice.invalid' }),
    validityKind: z.enum(VALIDITY_KINDS, { error: 'choice.invalid' }),
    /** required when validityKind = months */
    validityMonths: z.number({ error: 'number.invalid' }).int({ error: 'number.invalid' }).min(1).max(120).nullish().transform((v) => v ?? null),
    required: z.boolean(),
    /** activities that cannot be booked without this document accepted */
    requiredForActivityIds: z.array(z.string().min(1).max(64)).max(200).default([]),
    active: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.validityKind === 'months' && !v.validityMonths)
      ctx.addIssue({ code: 'custom', path: ['validityMonths'], message: 'document.validity_months_required' });
  });
export type DocumentTypeInput = z.input<typeof documentTypeInput>;

export const documentType = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  scope: z.enum(DOCUMENT_SCOPES),
  validityKind: z.enum(VALIDITY_KINDS),
  validityMonths: z.number().nullable(),
  required: z.boolean(),
  requiredForActivityIds: z.array(z.string()),
  active: z.boolean(),
});
export type DocumentType = z.infer<typeof documentType>;

// ---------- files and submissions ----------

export const documentFile = z.object({
  id: z.string(),
  /** the name the family gave it (cleaned); the stored name is random */
  fileName: z.string(),
  mediaType: z.enum(ACCEPTED_MEDIA_TYPES),
  size: z.number(),
});
export type DocumentFile = z.infer<typeof documentFile>;

export const submission = z.object({
  id: z.string(),
  typeId: z.string(),
  typeName: z.string(),
  childId: z.string().nullable(),
  childName: z.string().nullable(),
  state: z.enum(SUBMISSION_STATES),
  /** shown to the family when refused */
  refusalReason: z.string().nullable(),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
  /** last valid day (YYYY-MM-DD) once accepted; null = no limit or not accepted */
  validUntil: z.string().nullable(),
  files: z.array(documentFile),
});
export type Submission = z.infer<typeof submission>;

export const checklistItem = z.object({
  typeId: z.string(),
  typeName: z.string(),
  description: z.string().nullable(),
  required: z.boolean(),
  childId: z.string().nullable(),
  childName: z.string().nullable(),
  state: z.enum(DOCUMENT_STATES),
  /** the reason of the latest refusal, when state = refused */
  refusalReason: z.string().nullable(),
  validUntil: z.string().nullable(),
  /** names of the activities that need it before booking */
  requiredForActivities: z.array(z.string()),
});
export type ChecklistItem = z.infer<typeof checklistItem>;

export const documentChecklist = z.object({
  items: z.array(checklistItem),
  /** every submission, newest first */
  submissions: z.array(submission),
  /** the types the family may send (for « ajouter un document ») */
  types: z.array(documentType),
  children: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type DocumentChecklist = z.infer<typeof documentChecklist>;

// ---------- review (staff) ----------

export const reviewItem = submission.extend({
  familyId: z.string(),
  familyName: z.string(),
});
export type ReviewItem = z.infer<typeof reviewItem>;

export const reviewInput = z
  .object({ decision: z.enum(['accept', 'refuse'], { error: 'choice.invalid' }), reason: optionalText(500) })
  .superRefine((v, ctx) => {
    if (v.decision === 'refuse' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'document.reason_required' });
  });
export type ReviewInput = z.input<typeof reviewInput>;

export const filePreviewQuery = z.object({ disposition: z.enum(['inline', 'attachment']).default('attachment') });

// ---------- the family's own data ----------

export const closureRequestInput = z.object({ reason: optionalText(1000) });
export const closureRequestView = z.object({ requestedAt: z.string().nullable(), reason: z.string().nullable() });
export type ClosureRequestView = z.infer<typeof closureRequestView>;

export const closureRequestItem = z.object({
  familyId: z.string(),
  familyName: z.string(),
  email: z.string(),
  requestedAt: z.string(),
  reason: z.string().nullable(),
});
export type ClosureRequestItem = z.infer<typeof closureRequestItem>;

/** Staff retype the guardian 1's last name, so a family is never closed by a slip of the mouse. */
export const closeFamilyInput = z.object({ confirmLastName: requiredText(100) });

export const erasureReport = z.object({
  familyId: z.string(),
  closedAt: z.string(),
  /** rows erased or anonymized, per table */
  erased: z.record(z.string(), z.number()),
  /** what the law keeps, per table, with the reason and how long (see docs/data-retention.md) */
  kept: z.array(z.object({ table: z.string(), rows: z.number(), reason: z.string() })),
});
export type ErasureReport = z.infer<typeof erasureReport>;

/**
 * `donnees.json` in the export ZIP: everything the portal holds about the family, in clear (health data decrypted),
 * keyed by domain. Field names are the database's; `files` lists the ZIP paths of the documents.
 */
export interface FamilyExport {
  format: 'portail-familles/export@1';
  exportedAt: string;
  account: Record<string, unknown>;
  family: Record<string, unknown>;
  children: Record<string, unknown>[];
  bookings: Record<string, unknown>[];
  reservations: Record<string, unknown>[];
  documents: (Record<string, unknown> & { files: { path: string; fileName: string; mediaType: string; size: number }[] })[];
  messages: Record<string, unknown>[];
  healthAccesses: Record<string, unknown>[];
  /** rows other modules declare (e.g. invoices, payments), by table */
  other: Record<string, Record<string, unknown>[]>;
}
