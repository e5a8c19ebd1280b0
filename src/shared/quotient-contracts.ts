/**
 * HTTP contracts of the family quotient (issue 15, docs/quotient.md): the family's card « Quotient familial » (its
 * source, its date, the consent to ask the CAF/MSA), the staff's section of a family (history, « Interroger la
 * CAF », manual entry on a document). Validation messages are error codes (errors catalogue, `quotient.*`).
 */
import { z } from 'zod';

export const QUOTIENT_SOURCES = ['declared', 'manual', 'cnaf', 'msa', 'demo'] as const;
export type QuotientSource = (typeof QUOTIENT_SOURCES)[number];
export const QUOTIENT_REGIMES = ['cnaf', 'msa'] as const;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'quotient.month_invalid' });

export const quotientEntry = z.object({
  seq: z.number().int(),
  quotient: z.number().int().nullable(),
  source: z.enum(QUOTIENT_SOURCES),
  /** YYYY-MM: the month the CAF/MSA computed it (« calculé au »), or the month the document states */
  computedMonth: z.string().nullable(),
  recordedAt: z.string(),
  /** staff only: the login that caused the write (« job » for the January refresh) */
  recordedBy: z.string().nullable(),
  /** the type of the accepted document that justifies a manual entry */
  documentName: z.string().nullable(),
});
export type QuotientEntry = z.infer<typeof quotientEntry>;

export const quotientView = z.object({
  current: z.object({
    quotient: z.number().int().nullable(),
    source: z.enum(QUOTIENT_SOURCES).nullable(),
    computedMonth: z.string().nullable(),
    recordedAt: z.string().nullable(),
    fetchedAt: z.string().nullable(),
    documentName: z.string().nullable(),
  }),
  consent: z
    .object({
      givenAt: z.string(),
      /** the login that gave it */
      givenBy: z.string().nullable(),
      withdrawnAt: z.string().nullable(),
    })
    .nullable(),
  consentActive: z.boolean(),
  allocataireNumber: z.string().nullable(),
  regime: z.enum(QUOTIENT_REGIMES).nullable(),
  postalCode: z.string().nullable(),
  /** demo: fixed answers for the demo numbers; api-particulier: the State's API */
  provider: z.enum(['demo', 'api-particulier']),
  history: z.array(quotientEntry),
});
export type QuotientView = z.infer<typeof quotientView>;

/** The staff's view adds the family's accepted documents, to cite one for a manual entry. */
export const staffQuotientView = quotientView.extend({
  documents: z.array(z.object({ id: z.string(), typeName: z.string(), acceptedAt: z.string().nullable(), validUntil: z.string().nullable() })),
});
export type StaffQuotientView = z.infer<typeof staffQuotientView>;

/** The family's request: its allocataire number and scheme, and its consent (the box must be ticked). */
export const quotientFetchInput = z.object({
  allocataireNumber: z
    .string({ error: 'required' })
    .transform((v) => v.replace(/[\s.-]/g, ''))
    .pipe(z.string().min(1, { error: 'required' }).regex(/^\d{4,13}$/, { error: 'quotient.number_invalid' })),
  regime: z.enum(QUOTIENT_REGIMES, { error: 'choice.invalid' }),
  consent: z.literal(true, { error: 'quotient.consent_required' }),
});
export type QuotientFetchInput = z.input<typeof quotientFetchInput>;

/** A quotient entered by staff, on an accepted document of the family. */
export const quotientManualInput = z.object({
  quotient: z.number({ error: 'number.invalid' }).int({ error: 'number.invalid' }).min(0, { error: 'number.invalid' }).max(100_000, { error: 'number.invalid' }),
  computedMonth: month,
  documentId: z.string({ error: 'quotient.document_required' }).min(1, { error: 'quotient.document_required' }),
});
export type QuotientManualInput = z.input<typeof quotientManualInput>;
