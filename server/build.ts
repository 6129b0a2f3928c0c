// Builds the app when the build is missing or older than any source file, so
// `npm start` on a fresh clone (or after a pull) serves current code.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "public", "content", "prisma/schema.prisma", "react-router.config.ts", "vite.config.ts", "package-lock.json"];

function newestMtime(p: string): number {
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

function buildIsStale(root: string) {
  const marker = path.join(root, "build/server/index.js");
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

export async function ensureFreshBuild(root: string, log: (msg: string) => void) {
  if (!buildIsStale(root)) return;
  log("building the app (missing or older than the sources)…");
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
}
