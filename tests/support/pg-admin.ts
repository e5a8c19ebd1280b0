import pg from 'pg';

/** Runs one statement on the `postgres` database of the server `url` points to (create / drop a test database). */
export async function pgAdmin(url: string, query: string): Promise<void> {
  const u = new URL(url);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}
