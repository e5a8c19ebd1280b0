/**
 * Development and test builds only (imported dynamically behind `import.meta.env.DEV`): checks an answer against
 * its route's response schema, so a server and a page that drift apart fail loudly instead of rendering half a page.
 */
import { ENDPOINTS } from '../../shared/api/endpoints.js';
import type { RouteName } from '../../shared/api/routes.js';

export class ResponseMismatchError extends Error {
  constructor(
    readonly route: RouteName,
    readonly issues: string[],
  ) {
    super(`${route}: the answer does not match the endpoint map (${issues.join('; ')})`);
    this.name = 'ResponseMismatchError';
  }
}

export function checkResponse(name: RouteName, data: unknown): void {
  const schema = ENDPOINTS[name].response;
  if (!schema) return;
  const result = schema.safeParse(data);
  if (result.success) return;
  const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  console.error(new ResponseMismatchError(name, issues), data);
  throw new ResponseMismatchError(name, issues);
}
