// Builds the app when the build is missing or older than any source file, so
// `npm start` on a fresh clone (or after a pull) serves current code. Plain
// JavaScript: it runs before the server exists as JavaScript (server/start.mjs).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "server",
  "public",
  "content",
  "prisma/schema.prisma",
  "react-router.config.ts",
  "vite.config.ts",
  "package-lock.json",
];
/** What `npm run build` writes last: the server as one JavaScript file (scripts/build-server.mjs). */
export const SERVER_BUNDLE = "build/server.js";
const OUTPUTS = ["build/server/index.js", SERVER_BUNDLE];

/** @param {string} p */
function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(p)) {
    if (e === "generated" || e === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(p, e)));
  }
  return newest;
}

/** @param {string} root */
function buildIsStale(root) {
  const outputs = OUTPUTS.map((o) => path.join(root, o));
  if (!outputs.every((o) => existsSync(o))) return true;
  const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

/**
 * @param {string} root
 * @param {(msg: string) => void} log
 */
export async function ensureFreshBuild(root, log) {
  if (!buildIsStale(root)) return;
  log("building the app (missing or older than the sources)…");
  // The production build whoever asks: under vitest NODE_ENV is "test", and Vite then bundled
  // React's development build for the browser, so the browser tests ran another client.
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
}
