// `npm start` (and systemd, the tests and the bench): builds when the sources
// are newer than the build, then runs the server as JavaScript with plain
// node — no TypeScript loader in the app's processes (decision 075). Cluster
// workers start here too and go straight to the build.
import cluster from "node:cluster";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureFreshBuild, SERVER_BUNDLE } from "./build.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
if (cluster.isPrimary) await ensureFreshBuild(ROOT, (msg) => console.log(msg));
await import(pathToFileURL(path.join(ROOT, SERVER_BUNDLE)).href);
