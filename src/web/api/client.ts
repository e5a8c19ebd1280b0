/**
 * The one way the browser talks to the API: JSON under /api, the CSRF token on every non-GET request, and every
 * failure turned into an ApiError carrying the server's French message (or a French fallback).
 */
import type { ErrorBody } from '../../shared/contracts.js';
import { messageFor } from '../../shared/errors.js';

export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldProblem[];
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, code: string, message: string, fields: FieldProblem[] = [], retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const NETWORK_MESSAGE = 'Le serveur ne répond pas. Vérifiez votre connexion à Internet et réessayez.';

let csrfToken = '';
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when the API says the visitor is no longer signed in (session expired, signed out elsewhere). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function api<T>(
  method: Method,
  path: string,
  body?: unknown,
  init: { signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { ...init.headers, accept: 'application/json' };
  if (method !== 'GET') {
    headers['x-csrf-token'] = csrfToken;
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
      signal: init.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', NETWORK_MESSAGE);
  }

  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (response.ok) return data as T;

  const error = (data as Partial<ErrorBody> | null)?.error;
  const code = error?.code ?? (response.status === 404 ? 'not_found' : response.status === 401 ? 'auth.required' : 'internal');
  const message = error?.message || messageFor(code);
  const fields = (error?.fields ?? []).map((f) => ({ ...f, message: f.message || messageFor(f.code, f.path) }));
  if (response.status === 401 && code === 'auth.required') unauthorizedHandler?.();
  throw new ApiError(response.status, code, message, fields, error?.retryAfterSeconds);
}

export const get = <T>(path: string, init?: { signal?: AbortSignal }) => api<T>('GET', path, undefined, init);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body);
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body?: unknown) => api<T>('PATCH', path, body);

/** Lists may come bare or wrapped ({ items: [...] }): accept both so the pages do not depend on the envelope. */
export function asList<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === 'object') {
    for (const value of Object.values(data)) if (Array.isArray(value)) return value as T[];
  }
  return [];
}

/** Builds "?a=1&b=2" from the non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `?${s}` : '';
}
