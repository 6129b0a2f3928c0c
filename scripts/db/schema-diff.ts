import { readFile } from "node:fs/promises";
import path from "node:path";
import { noFilters, openSchemaEngine } from "./schema-engine.ts";

const SCHEMA = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

/** SQL that would bring the database at `url` to schema.prisma ("" when they agree). */
export async function diffDatabaseToSchema(url: string): Promise<string> {
  const datamodel = await readFile(SCHEMA, "utf8");
  const { engine } = await openSchemaEngine(url, datamodel);
  try {
    const result = (await engine.diff({
      // "schemaDatasource" = the live database behind the engine's adapter.
      from: { tag: "schemaDatasource", files: [{ path: "schema.prisma", content: datamodel }], configDir: "." },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: datamodel }] },
      script: true,
      exitCode: true,
      filters: noFilters,
    })) as { exitCode: number; stdout?: string };
    return result.exitCode === 0 ? "" : (result.stdout ?? "");
  } finally {
    engine.free();
  }
}
