import { createHash, randomBytes } from 'node:crypto';
import { ValidationError, type FieldProblem } from '../../errors.js';
import { MAX_FILES_PER_SUBMISSION } from '../../../shared/document-contracts.js';
import { cleanFileName, inspectFile } from './document.files.js';

/**
 * The documents module's upload checks for other modules (issue 14: a message's attachments): the same rules as a
 * supporting document — PDF, JPEG or PNG identified from their bytes, at most MAX_FILES_PER_SUBMISSION files of
 * MAX_FILE_BYTES (the route's multipart limits), a clean file name. Problems come back as `files.<i>` field codes of
 * the « errors » catalogue. The caller stores the checked files in its own tables.
 */
export interface CheckedUpload {
  id: string;
  fileName: string;
  mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
  size: number;
  sha256: string;
  content: Buffer;
}

export function checkUploads(files: { fileName: string | undefined; content: Buffer }[]): CheckedUpload[] {
  const problems: FieldProblem[] = [];
  if (files.length > MAX_FILES_PER_SUBMISSION) problems.push({ path: 'files', code: 'document.too_many_files' });
  const out: CheckedUpload[] = [];
  files.forEach((f, i) => {
    const v = inspectFile(f.content);
    if (!v.ok) problems.push({ path: `files.${i}`, code: v.code });
    else
      out.push({
        id: randomBytes(18).toString('base64url'),
        fileName: cleanFileName(f.fileName, v.extension),
        mediaType: v.mediaType,
        size: f.content.length,
        sha256: createHash('sha256').update(f.content).digest('hex'),
        content: f.content,
      });
  });
  if (problems.length) throw new ValidationError(problems);
  return out;
}
