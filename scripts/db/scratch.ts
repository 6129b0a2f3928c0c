// A throwaway PostgreSQL database for tooling: on DATABASE_URL's server when set,
// else in a temporary embedded cluster.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../../server/embedded-postgres.ts";
import { freePort } from "../../server/free-port.ts";

export async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  let serverUrl = process.env.DATABASE_URL;
  let cleanup = async () => {};
  if (!serverUrl) {
    const dir = await mkdtemp(path.join(os.tmpdir(), "kt1-scratch-"));
    const db = await startEmbeddedPostgres({ dir, port: await freePort(), persistent: false });
    serverUrl = db.url;
    cleanup = async () => {
      await db.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const name = `kt1_scratch_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    await cleanup();
  }
}
