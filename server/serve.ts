import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Logger } from "pino";
import type { ServerBuild } from "react-router";
import type { Env } from "../app/utils/env.server.ts";
import { createApp } from "./app.ts";

/**
 * Serves the production build on env.PORT from this process. `stop()` stops
 * accepting, lets open requests finish (up to 10 s; idle keep-alives are cut
 * at once) and closes this process's database connections. Calling it again
 * (systemd signals every process of the group, then the primary signals its
 * workers) waits for the same stop.
 */
export async function serveHttp(root: string, databaseUrl: string, env: Env, log: Logger, onListening?: () => void) {
  const build = (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
  const { app, close: closeApp } = createApp({ build, buildDir: path.join(root, "build"), databaseUrl, log, env });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, () => resolve()));
  onListening?.();
  void (build.entry.module as { openConnections?: () => Promise<void> }).openConnections?.();
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopNow());
  const stopNow = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // A keep-alive connection is cut as soon as its request is answered, not after its idle timeout.
    server.closeIdleConnections();
    const cutIdle = setInterval(() => server.closeIdleConnections(), 100);
    await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000).unref())]);
    clearInterval(cutIdle);
    await closeApp();
    const { disconnectDb } = await import("../app/utils/db.server.ts");
    await disconnectDb();
  };
  return { stop };
}
