import path from "node:path";
import { defineConfig } from "vitest/config";

// Three suites, one command (`npm test`). Integration and end-to-end tests run
// against real PostgreSQL; end-to-end tests drive a real Chromium.
const alias = { "~": path.resolve(import.meta.dirname, "app") };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts", "app/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/global-db.ts"],
          setupFiles: ["tests/support/file-db.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // One test per hole found in the outside review (issue 11): service-level
          // tests get their own database as in "integration"; HTTP tests talk to one
          // production app over a demo-seeded database, as in "e2e".
          name: "security",
          include: ["tests/security/**/*.test.ts"],
          globalSetup: ["tests/support/global-db.ts", "tests/support/global-app.ts"],
          setupFiles: ["tests/support/file-db.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Issue 17: crashes, lost connections, signals, health and metrics. Files
          // start real servers and PostgreSQL clusters of their own next to the
          // shared test server (each gets its own database, as in "integration").
          name: "faults",
          include: ["tests/faults/**/*.test.ts"],
          globalSetup: ["tests/support/global-db.ts"],
          setupFiles: ["tests/support/file-db.ts"],
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/global-app.ts"],
          // One app and one demo database for the whole suite: files run one at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
