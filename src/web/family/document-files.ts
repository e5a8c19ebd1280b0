import type { ErrorCode } from '../../shared/errors.js';
import { errorMessage } from '../api/client.js';
import { i18n } from '../i18n/i18n.js';
import { DOCUMENT_MAX_FILE_BYTES, DOCUMENT_MAX_FILES } from '../i18n/document-labels.js';
import type { SummaryError } from '../ui/error-summary.js';

const ALLOWED_EXTENSIONS = /\.(pdf|jpe?g|png)$/i;
const ALLOWED_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);
const HEIC = /\.(heic|heif)$/i;

/**
 * What the browser can tell before sending: the count, each file's size, and its name or declared type. The server
 * checks the bytes and has the last word; these checks only spare a long upload that would be refused.
 */
export function checkFiles(files: File[]): SummaryError[] {
  if (files.length === 0) return [{ path: 'files', message: errorMessage('document.no_file') }];
  if (files.length > DOCUMENT_MAX_FILES) return [{ path: 'files', message: errorMessage('document.too_many_files') }];
  const problems: SummaryError[] = [];
  for (const f of files) {
    let code: ErrorCode | null = null;
    if (HEIC.test(f.name) || /^image\/hei[cf]/.test(f.type)) code = 'document.file_heic';
    else if (!ALLOWED_EXTENSIONS.test(f.name) && !ALLOWED_TYPES.has(f.type)) code = 'document.file_type';
    else if (f.size === 0) code = 'document.file_empty';
    else if (f.size > DOCUMENT_MAX_FILE_BYTES) code = 'document.file_too_large';
    if (code) problems.push({ path: 'files', message: i18n.t('family:documentAdd.fileProblem', { name: f.name, message: errorMessage(code) }) });
  }
  return problems;
}
