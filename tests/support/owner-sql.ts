// Statements run as the database's owner, for tests that play someone with
// more rights than the app (switching triggers off, rewriting the audit log).
// For now the app and the owner are the same role (process.env.DATABASE_URL);
// when the app gets its own least-privilege role, point this at the owner.
import pg from "pg";

export function ownerUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (tests/support/file-db.ts sets it)");
  return url;
}

/** Runs `text` (one or more statements, or one with `values`) as the owner, in its own connection. */
export async function ownerSql<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
  const client = new pg.Client({ connectionString: ownerUrl() });
  await client.connect();
  try {
    return await client.query<R>(text, values);
  } finally {
    await client.end();
  }
}
