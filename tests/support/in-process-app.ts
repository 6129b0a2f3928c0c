// The production build served by server/app.ts in the test's own process, on a
// free port, against the test file's database: for handlers that answer ahead
// of React Router. A stale build is rebuilt first (minutes on a busy machine).
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pino from "pino";
import type { ServerBuild } from "react-router";
import { parseEnv } from "~/utils/env.server.ts";
import { createApp } from "../../server/app.ts";
import { ensureFreshBuild } from "../../server/build.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function loadBuild(): Promise<ServerBuild> {
  await ensureFreshBuild(ROOT, (m) => console.log(m));
  return (await import(pathToFileURL(path.join(ROOT, "build/server/index.js")).href)) as ServerBuild;
}

/** The build with its root middleware replaced by one that throws: any request React Router handles answers 500. */
export function withBrokenPipeline(build: ServerBuild, message: string): ServerBuild {
  const root = build.routes.root!;
  const middleware = [
    () => {
      throw new Error(message);
    },
  ];
  return { ...build, routes: { ...build.routes, root: { ...root, module: { ...root.module, middleware } } } } as ServerBuild;
}

export async function serveInProcess(build: ServerBuild) {
  const app = createApp({
    build,
    buildDir: path.join(ROOT, "build"),
    databaseUrl: process.env.DATABASE_URL as string,
    log: pino({ level: "silent" }),
    env: parseEnv({ NODE_ENV: "production", HOST: "127.0.0.1" }),
  });
  const server = app.app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await app.close();
    },
  };
}
