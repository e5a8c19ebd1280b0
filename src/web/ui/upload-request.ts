/**
 * Sends a multipart form with XMLHttpRequest, because fetch() cannot report upload progress. Same contract as the
 * API client: the CSRF header, same-origin cookies, and every failure turned into an ApiError with the server's
 * message (or the page's own sentence for its code).
 */
import { ApiError, call, errorMessage, urlFor } from '../api/client.js';
import type { ErrorBody } from '../../shared/contracts.js';
import type { ResponseOf } from '../../shared/api/endpoints.js';
import { i18n } from '../i18n/i18n.js';

export interface UploadProgressEvent {
  loaded: number;
  total: number;
}

/**
 * The double-submit token: the API client keeps it private, so ask the session again (a cheap GET that returns the
 * same token as long as the CSRF cookie lives).
 */
async function csrfToken(): Promise<string> {
  const session = await call('system.session');
  return session.csrfToken;
}

export async function uploadForm(route: 'documents.upload', form: FormData, onProgress: (p: UploadProgressEvent) => void, signal?: AbortSignal): Promise<ResponseOf<typeof route>> {
  const token = await csrfToken();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', urlFor(route));
    xhr.withCredentials = true;
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ loaded: e.loaded, total: e.total });
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', errorMessage('network')));
    xhr.onabort = () => reject(new DOMException(i18n.t('common:uploadRequest.aborted'), 'AbortError'));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data as ResponseOf<typeof route>);
        return;
      }
      const error = (data as Partial<ErrorBody> | null)?.error;
      const code = error?.code ?? (xhr.status === 413 ? 'request.too_large' : xhr.status === 404 ? 'not_found' : 'internal');
      const fields = (error?.fields ?? []).map((f) => ({ ...f, message: f.message || errorMessage(f.code, f.path) }));
      reject(new ApiError(xhr.status, code, error?.message || errorMessage(code), fields, error?.retryAfterSeconds));
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
