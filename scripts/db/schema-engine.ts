// Prisma's schema engine as WebAssembly: the native binary the Prisma CLI wants
// cannot be downloaded on our machines (docs/decisions/002-migrations-offline.md).
// Used only by developer tooling and the drift test, never by the app at run time.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

// The engine reads pg_catalog columns of PostgreSQL's one-byte "char" type (oid
// 18), which @prisma/adapter-pg 7.10 refuses to map. Report those columns as
// the engine's Character type. Tooling only; the app never loads this file.
async function teachAdapterCharColumns(connectionString: string) {
  const probe = await new PrismaPg({ connectionString }).connect();
  // PrismaPgAdapter -> PgQueryable, which owns queryRaw and performIO.
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(probe));
  await probe.dispose();
  if (proto.__charColumnsTaught) return;
  proto.__charColumnsTaught = true;
  const queryRaw = proto.queryRaw;
  proto.queryRaw = async function (this: { performIO: (q: unknown) => Promise<pg.QueryResult> }, query: unknown) {
    const performIO = this.performIO;
    let charColumns: number[] = [];
    const view = Object.create(this);
    view.performIO = async (q: unknown) => {
      const result = await performIO.call(this, q);
      charColumns = [];
      result.fields.forEach((f, i) => {
        if (f.dataTypeID === 18) {
          f.dataTypeID = 25;
          charColumns.push(i);
        }
      });
      return result;
    };
    const result = await queryRaw.call(view, query);
    for (const i of charColumns) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
}

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number }>;
  free(): void;
};

export async function openSchemaEngine(databaseUrl: string, datamodel: string) {
  // The wasm build reports panics through this global; without it a panic
  // surfaces as an unrelated TypeError.
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
  g.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message: (m: string) => {
      throw new Error(`Prisma schema engine panicked: ${m}`);
    },
  };
  const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const dir = path.dirname(bgPath);
  const bindings = await import(pathToFileURL(bgPath).href);
  const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, {
    "./schema_engine_bg.js": bindings,
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  const output: string[] = [];
  await teachAdapterCharColumns(databaseUrl);
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }) as never);
  const engine: Engine = await bindings.SchemaEngine.new(
    { datamodels: [["schema.prisma", datamodel]] },
    (line: string) => output.push(line),
    adapter,
  );
  return { engine, output };
}

export const noFilters = { externalTables: [], externalEnums: [] };
