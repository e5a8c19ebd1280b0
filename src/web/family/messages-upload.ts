/**
 * Sends a message form (multipart: text fields, then the files) with the CSRF header, and turns a failure into an
 * ApiError with the server's sentences — as the API client does for JSON.
 */
import { call, errorFrom, urlFor, ApiError, errorMessage } from '../api/client.js';
import type { ResponseOf } from '../../shared/api/endpoints.js';

export async function sendMessageForm(
  route: 'messages.start' | 'messages.reply',
  form: FormData,
  threadId?: string,
): Promise<ResponseOf<'messages.start'>> {
  const { csrfToken } = await call('system.session');
  const url = route === 'messages.start' ? urlFor('messages.start') : urlFor('messages.reply', { params: { threadId: threadId! } });
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body: form, credentials: 'same-origin', headers: { 'x-csrf-token': csrfToken, accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'network', errorMessage('network'));
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) throw errorFrom(res.status, data, res.status === 413 ? 'request.too_large' : undefined);
  return data as ResponseOf<'messages.start'>;
}

/** A key for one click: a double click or a retry sends the message once. */
export function clickKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export const MESSAGES_PATH = '/famille/messages';
export const MESSAGE_NEW_PATH = '/famille/messages/ecrire';
export const NOTIFICATIONS_PATH = '/famille/notifications';
export const CALENDAR_PATH = '/famille/calendrier';
