// `prisma generate` without network: the CLI wants to download a native schema
// engine it does not use for generating, so point it at any existing file
// (docs/decisions/002-migrations-offline.md). Skips when the client is current.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";

const schema = readFileSync("prisma/schema.prisma");
const stamp = "app/generated/prisma/.schema-hash";
const hash = createHash("sha256").update(schema).digest("hex");
if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) process.exit(0);
execFileSync("npx", ["prisma", "generate"], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
writeFileSync(stamp, hash);
