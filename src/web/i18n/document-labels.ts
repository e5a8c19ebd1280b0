/**
 * The limits of supporting documents (guide §7). Same as src/shared/document-contracts.ts, repeated here so the pages
 * import only types from the contracts (importing values would bring zod into the browser bundle); apart from fr.ts
 * so that the login page does not carry them. The words (states, scopes, validity, the files' hint) are in the
 * « labels » and « common » catalogues.
 */
export const DOCUMENT_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const DOCUMENT_MAX_FILES = 5;
export const DOCUMENT_FILE_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
