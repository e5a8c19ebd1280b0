import { errorMessage } from './i18n.js';
import type { Language } from '../shared/i18n/languages.js';

export interface FieldProblem {
  path: string;
  code: string;
}

/** A domain error with a stable code; the error handler maps it to its HTTP status and the message in the request's language. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly fields?: FieldProblem[],
    readonly retryAfterSeconds?: number,
  ) {
    super(code);
    this.name = 'AppError';
  }

  toBody(language: Language = 'fr') {
    return {
      error: {
        code: this.code,
        message: errorMessage(language, this.code),
        ...(this.fields
          ? { fields: this.fields.map((f) => ({ path: f.path, code: f.code, message: errorMessage(language, f.code, f.path) })) }
          : {}),
        ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
      },
    };
  }
}

/** 400 with per-field codes, for rules that need the database (e.g. the city must match the postal code). */
export class ValidationError extends AppError {
  constructor(fields: FieldProblem[]) {
    super('request.invalid', 400, fields);
  }
}

export class NotFoundError extends AppError {
  constructor() {
    super('not_found', 404);
  }
}

export class ForbiddenError extends AppError {
  constructor(code = 'auth.forbidden') {
    super(code, 403);
  }
}

export class UnauthorizedError extends AppError {
  constructor(code = 'auth.required') {
    super(code, 401);
  }
}

export class ConflictError extends AppError {
  constructor(code: string) {
    super(code, 409);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(code: string, retryAfterSeconds: number) {
    super(code, 429, undefined, retryAfterSeconds);
  }
}
