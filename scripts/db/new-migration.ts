// npm run db:migration -- <name>
// Applies the existing migrations to a scratch database, asks Prisma's schema
// engine what SQL brings it to schema.prisma, and writes that as a new migration.
// Hand-written SQL (triggers, checks) can then be appended to the file.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { migrate } from "../../server/migrate.ts";
import { diffDatabaseToSchema } from "./schema-diff.ts";
import { withScratchDatabase } from "./scratch.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <snake_case_name>");
  process.exit(2);
}
const sql = await withScratchDatabase(async (url) => {
  await migrate(url);
  return diffDatabaseToSchema(url);
});
if (!sql.trim()) {
  console.log("schema.prisma and the migrations agree: nothing to write.");
} else {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.resolve(import.meta.dirname, `../../prisma/migrations/${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), sql);
  console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}
