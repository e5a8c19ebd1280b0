import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorMessage, isErrorCode, requestLanguage } from '../i18n.js';
import { AppError } from '../errors.js';
import { isCheckViolation, isRetryable } from '../db/write.js';
import { isUniqueViolation } from '../db/database.js';

/**
 * One error handler: domain errors keep their status and code; validation gives 400 with per-field messages
 * (in the request's language, as every message here); oversize bodies 413; malformed ones 400; anything else is logged and hidden behind a generic 500.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const language = requestLanguage(request);
    const messageFor = (code: string, path?: string) => errorMessage(language, code, path);
    if (err instanceof AppError) {
      if (err.retryAfterSeconds) reply.header('retry-after', String(err.retryAfterSeconds));
      return reply.status(err.status).send(err.toBody(language));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const seen = new Set<string>();
      const fields = [];
      for (const v of err.validation) {
        const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        if (seen.has(path)) continue; // first problem per field is the one to fix first
        seen.add(path);
        const code = v.message && isErrorCode(v.message) ? v.message : 'field.invalid';
        fields.push({ path, code, message: messageFor(code, path) });
      }
      return reply.status(400).send({ error: { code: 'request.invalid', message: messageFor('request.invalid'), fields } });
    }
    const status = err.statusCode ?? 500;
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
      return reply.status(413).send({ error: { code: 'request.too_large', message: messageFor('request.too_large') } });
    }
    if (status === 415) {
      return reply
        .status(415)
        .send({ error: { code: 'request.unsupported_media', message: messageFor('request.unsupported_media') } });
    }
    if (status === 429) {
      const retry = Number(reply.getHeader('retry-after')) || undefined;
      return reply.status(429).send({
        error: { code: 'request.rate_limited', message: messageFor('request.rate_limited'), retryAfterSeconds: retry },
      });
    }
    if (status >= 400 && status < 500) {
      return reply.status(400).send({ error: { code: 'request.malformed', message: messageFor('request.malformed') } });
    }
    // A write that lost a race against a database guard (a CHECK or UNIQUE constraint the service did not map to
    // its own message) or kept losing against concurrent writers (serialization failure, deadlock, after the
    // bounded retries): nothing was saved; say so, never 500.
    if (isCheckViolation(err) || isUniqueViolation(err) || isRetryable(err)) {
      request.log.warn({ code: (err as { code?: string }).code }, 'write refused by a concurrent change');
      return reply.status(409).send({ error: { code: 'request.conflict', message: messageFor('request.conflict') } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: messageFor('internal') } });
  });
}
