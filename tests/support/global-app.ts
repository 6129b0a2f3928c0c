// End-to-end suite: one production build served by server/index.ts (the same
// entry as `npm start`) on a free port, over a demo-seeded database, by two app
// processes sharing the port, as behind a load balancer: a test that passes
// only when one process saw the previous request fails here.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureFreshBuild } from "../../server/build.mjs";
import { freePort } from "../../server/free-port.ts";
import { cloneTemplate, startTestDatabaseServer } from "./database-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    appDatabaseUrl: string;
    ownerDatabaseUrl: string;
    superuserDatabaseUrl: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, "../..");

async function waitForHealth(url: string, child: ChildProcess, output: string[]) {
  // Migrating and seeding the demo takes seconds on a quiet machine, minutes on a loaded one.
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited (${child.exitCode}):\n${output.join("")}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok && output.join("").includes("running at")) {
        if (!output.join("").includes("(2 processes)")) throw new Error(`expected two app processes:\n${output.join("")}`);
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`app did not become healthy:\n${output.join("")}`);
}

export default async function setup(project: TestProject) {
  await ensureFreshBuild(ROOT, (m) => console.log(m));
  const db = await startTestDatabaseServer(project.name);
  const urls = await cloneTemplate(db.serverUrl, db.logins, db.template, `${db.prefix}_app`);
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, ["server/start.mjs"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: urls.appUrl,
      MIGRATION_DATABASE_URL: urls.ownerUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      WEB_PROCESSES: "2",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => output.push(String(d)));
  child.stderr?.on("data", (d) => output.push(String(d)));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, output);
  project.provide("baseUrl", baseUrl);
  project.provide("appDatabaseUrl", urls.appUrl);
  project.provide("ownerDatabaseUrl", urls.ownerUrl);
  project.provide("superuserDatabaseUrl", urls.superuserUrl);
  return async () => {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000).unref())]);
    await db.stop();
  };
}
