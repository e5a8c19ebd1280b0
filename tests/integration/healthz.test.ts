import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.js';

describe('GET /healthz', () => {
  it('answers 503 when the database cannot be reached', async () => {
    const t = await createTestApp();
    expect((await t.client().get('/healthz')).status).toBe(200);
    await t.ctx.db.destroy();
    const res = await t.client().get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'database_unreachable' });
    await t.close();
  });
});
