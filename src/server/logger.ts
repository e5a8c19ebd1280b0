import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

/**
 * The request a piece of code runs for (set by plugins/request-id.ts). Lines written through `ctx.logger` by a
 * service during a request get its `reqId` from here; lines written through `request.log` carry it already.
 */
export const requestLogContext = new AsyncLocalStorage<{ reqId: string }>();

const chindings = pino.symbols.chindingsSym;

/**
 * A path segment that looks like a capability (the demo bank's operation id, any long random token): masked in
 * logged URLs. UUIDs (object ids, not secrets) and ordinary words stay.
 */
const TOKEN_SEGMENT = /^(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{20,}$/i;

export function loggableUrl(url: string): string {
  return url
    .split('?')[0]!
    .split('/')
    .map((seg) => (TOKEN_SEGMENT.test(seg) ? '…' : seg))
    .join('/');
}

/**
 * Structured logs. Request URLs are logged without their query string (mailed links carry tokens there) and with
 * token-like path segments masked; headers and bodies are never logged (the req serializer keeps method and URL);
 * cookies, authorization, CSRF tokens, anything named like a password or token, e-mail addresses and names are
 * redacted should a caller pass them. Every line written while a request is served carries its `reqId`.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      mixin(_obj, _level, logger) {
        const store = requestLogContext.getStore();
        // request.log (a child with the reqId binding) already prints it: no duplicate key
        if (!store || (logger as unknown as Record<symbol, string | undefined>)[chindings]?.includes('"reqId"')) return {};
        return { reqId: store.reqId };
      },
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          'headers.cookie',
          'headers.authorization',
          ...['password', 'currentPassword', 'newPassword', 'token', 'passwordHash', 'email', 'firstName', 'lastName', 'first_name', 'last_name', 'authorization', 'cookie', 'allocataireNumber', 'numeroAllocataire', 'benefitsNumber', 'benefits_number', 'apiKey'].flatMap(
            (k) => [k, `*.${k}`],
          ),
        ],
        censor: '[masqué]',
      },
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: loggableUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}
