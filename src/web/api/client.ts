/**
 * The one way the browser talks to the API: routes called by name from the endpoint map (src/shared/api), JSON
 * under /api, the CSRF token on every non-GET request, and every failure turned into an ApiError carrying the
 * server's message (in the language of the `lang` cookie) or, failing one, the sentence of its code in the page's
 * language (`errorMessage`, from the `errors` namespace that i18next loads at start: no catalogue is imported here). In development and tests each answer is checked against the
 * route's response schema (./validate.ts, loaded only then: zod stays out of the production bundle).
 */
import type { ErrorBody } from '../../shared/contracts.js';
import { errorKey, type ErrorCode, type ErrorKey } from '../../shared/error-codes.js';
import { i18n } from '../i18n/i18n.js';
import { ROUTES, urlOf, type Method, type PathParams, type RouteName } from '../../shared/api/routes.js';
import type { BodyOf, FileRoute, QueryOf, ResponseOf } from '../../shared/api/endpoints.js';

export type { BodyOf, QueryOf, ResponseOf };

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

/** Whether the `errors` namespace loaded in the page's language holds a sentence at `key`. */
function knownError(key: string): key is ErrorKey {
  return typeof i18n.getResource(i18n.language, 'errors', key) === 'string';
}

/**
 * The sentence of an error code in the page's language: the field's own when `path` names a field that has one
 * (`fields.<field>.<code>`), the generic « request.invalid » for a code the catalogue does not know. A literal code
 * must be an ErrorCode; a code typed `string` (received at run time) is accepted.
 */
export function errorMessage<C extends string>(code: C & (string extends C ? string : ErrorCode), path?: string): string {
  return i18n.t(`errors:${errorKey(code, path, knownError)}`);
}

let csrfToken = '';
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when the API says the visitor is no longer signed in (session expired, signed out elsewhere). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/** Where route K is: its path parameters and query, as the map types them. */
export type LocatorOf<K extends RouteName> = ({} extends PathParams<K> ? { params?: PathParams<K> } : { params: PathParams<K> }) &
  ([QueryOf<K>] extends [never] ? unknown : { query?: QueryOf<K> });
/** What a call of route K takes: its path parameters, query and body as the map types them, and fetch options. */
export type RequestOf<K extends RouteName> = LocatorOf<K> &
  ([BodyOf<K>] extends [never] ? unknown : { body: BodyOf<K> }) & { signal?: AbortSignal; headers?: Record<string, string> };

/** The arguments after the route's name: optional when the route needs nothing. */
export type RequestArgs<K extends RouteName> = {} extends RequestOf<K> ? [request?: RequestOf<K>] : [request: RequestOf<K>];
export type LocatorArgs<K extends RouteName> = {} extends LocatorOf<K> ? [locator?: LocatorOf<K>] : [locator: LocatorOf<K>];

interface AnyRequest {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | boolean | null | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** The URL of route K for this request (path parameters encoded, empty query values left out). */
export function urlFor<K extends RouteName>(name: K, ...[locator]: LocatorArgs<K>): string {
  const r = (locator ?? {}) as AnyRequest;
  return urlOf(name, r.params, r.query);
}

/** A link to a file the server sends (PDF, CSV, document, export): the pages link to it rather than fetch it. */
export function fileUrl<K extends FileRoute>(name: K, ...locator: LocatorArgs<K>): string {
  return urlFor(name, ...locator);
}

/** Calls route K: `call('booking.submit', { body, headers })` answers the typed reservation. */
export async function call<K extends RouteName>(name: K, ...[request]: RequestArgs<K>): Promise<ResponseOf<K>> {
  const r = (request ?? {}) as AnyRequest;
  const method = ROUTES[name].slice(0, ROUTES[name].indexOf(' ')) as Method;
  const data = await send(method, urlOf(name, r.params, r.query), r.body, r);
  if (import.meta.env.DEV || import.meta.env.MODE === 'test') {
    const { checkResponse } = await import('./validate.js');
    checkResponse(name, data);
  }
  return data as ResponseOf<K>;
}

async function send(method: Method, url: string, body: unknown, init: { signal?: AbortSignal; headers?: Record<string, string> }): Promise<unknown> {
  const headers: Record<string, string> = { ...init.headers, accept: 'application/json' };
  if (method !== 'GET') {
    headers['x-csrf-token'] = csrfToken;
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
      signal: init.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', errorMessage('network'));
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
  if (response.ok) return data;
  throw errorFrom(response.status, data);
}

/** The ApiError for a failed answer: the server's code and sentences, or a fallback from the status. */
export function errorFrom(status: number, data: unknown, fallbackCode?: string): ApiError {
  const error = (data as Partial<ErrorBody> | null)?.error;
  const code = error?.code ?? fallbackCode ?? (status === 404 ? 'not_found' : status === 401 ? 'auth.required' : 'internal');
  const message = error?.message || errorMessage(code);
  const fields = (error?.fields ?? []).map((f) => ({ ...f, message: f.message || errorMessage(f.code, f.path) }));
  if (status === 401 && code === 'auth.required') unauthorizedHandler?.();
  return new ApiError(status, code, message, fields, error?.retryAfterSeconds);
}

/** Builds "?a=1&b=2" from the non-empty values: for the app's own addresses (API URLs come from `urlFor`). */
export function query(params: Record<string, string | number | undefined | null>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `?${s}` : '';
}
