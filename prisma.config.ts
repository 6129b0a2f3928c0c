import { defineConfig } from "prisma/config";

// Only `prisma generate` uses this file; migrations run through our own runner
// (docs/decisions/002-migrations-offline.md), so no datasource URL is needed here.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
