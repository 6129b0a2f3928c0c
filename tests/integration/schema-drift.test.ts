import { describe, expect, it } from "vitest";
import { diffDatabaseToSchema } from "../../scripts/db/schema-diff.ts";

describe("migrations and schema.prisma", () => {
  it("describe the same database (no drift)", async () => {
    const sql = await diffDatabaseToSchema(process.env.DATABASE_URL as string);
    expect(sql).toBe("");
  });
});
