import { registerPrivacyParticipant } from '../privacy/privacy.registry.js';
import type { ZipEntry } from '../privacy/zip.js';
import type { FamilyExport } from '../../../shared/document-contracts.js';
import { stripInvisible } from '../../../shared/text.js';

const count = (r: { numDeletedRows?: bigint }) => Number(r.numDeletedRows ?? 0);

/** Zip-safe path segment from a family's file name. */
const segment = (s: string) => stripInvisible(s).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_').slice(0, 120) || 'document';

/**
 * The documents a family sent, in its export (`documents`, and each file under `documents/<submission>/`) and its
 * closure (the files and submissions are deleted). Called explicitly by the app's wiring.
 */
export function registerDocumentPrivacy(): void {
  registerPrivacyParticipant({
    name: 'document',
    order: 10,
    exportSection: async (ctx, scope) => {
      const db = ctx.db;
      const subs = await db
        .selectFrom('document_submission as s')
        .innerJoin('document_type as t', 't.id', 's.document_type_id')
        .select(['s.id', 's.child_id', 's.state', 's.refusal_reason', 's.submitted_at', 's.reviewed_at', 's.valid_until', 't.name as type_name'])
        .where('s.family_id', '=', scope.familyId)
        .orderBy('s.submitted_at')
        .execute();
      const files: ZipEntry[] = [];
      const documents: FamilyExport['documents'] = [];
      for (const s of subs) {
        const rows = await db
          .selectFrom('document_file')
          .select(['id', 'file_name', 'media_type', 'size', 'content', 'position'])
          .where('submission_id', '=', s.id)
          .orderBy('position')
          .execute();
        const listed = rows.map((f) => {
          const path = `documents/${s.id}/${f.position + 1}-${segment(f.file_name)}`;
          files.push({ path, data: Buffer.from(f.content) });
          return { path, fileName: f.file_name, mediaType: f.media_type, size: Number(f.size) };
        });
        documents.push({ ...s, files: listed });
      }
      return { documents, files };
    },
    erase: async (trx, _ctx, familyId) => {
      const erased: Record<string, number> = {};
      const subs = (await trx.selectFrom('document_submission').select('id').where('family_id', '=', familyId).execute()).map((s) => s.id);
      if (subs.length) erased.document_file = count(await trx.deleteFrom('document_file').where('submission_id', 'in', subs).executeTakeFirst());
      erased.document_submission = count(await trx.deleteFrom('document_submission').where('family_id', '=', familyId).executeTakeFirst());
      return { erased, kept: [] };
    },
  });
}
