// The last step of `npm run build`: server/index.ts and everything it imports
// from server/ and app/ as one ES module, build/server.js, run by plain node
// (server/start.mjs). Packages stay imports from node_modules. The file sits
// one folder below the root, as server/ does, so the paths the server builds
// from import.meta.dirname ("../prisma/migrations") stay right (decision 075).
import { build } from "esbuild";

await build({
  entryPoints: ["server/index.ts"],
  outfile: "build/server.js",
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
});
