// The app's database for command-line tools: DATABASE_URL when set; otherwise
// the embedded PostgreSQL the app uses (EMBEDDED_PG_DIR, default ./data/postgres;
// EMBEDDED_PG_PORT, default 54329). When that port is taken the app is running,
// so tools connect to it instead of starting a second server on the same folder.
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDb } from "../server/embedded-postgres.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(2_000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function withAppDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  let embedded: EmbeddedDb | undefined;
  let url = process.env.DATABASE_URL;
  try {
    if (!url) {
      const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`EMBEDDED_PG_PORT is not a port: ${process.env.EMBEDDED_PG_PORT}`);
      if (!(await portInUse(port))) {
        const dir = path.resolve(ROOT, process.env.EMBEDDED_PG_DIR || "./data/postgres");
        // Never create an empty cluster just to work on it.
        if (!existsSync(path.join(dir, "PG_VERSION"))) throw new Error(`no database found in ${dir} (run npm start once, or set DATABASE_URL)`);
        embedded = await startEmbeddedPostgres({ dir, port });
      }
      url = `postgres://postgres:postgres@127.0.0.1:${port}/kt1`;
      process.env.DATABASE_URL = url;
    }
    return await fn(url);
  } finally {
    const { disconnectDb } = await import("../app/utils/db.server.ts");
    await disconnectDb();
    await embedded?.stop();
  }
}
