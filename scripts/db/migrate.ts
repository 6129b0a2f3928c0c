// npm run db:migrate — applies pending migrations to the app's database as its
// owner (MIGRATION_DATABASE_URL, else DATABASE_URL, or the embedded one in
// ./data/postgres) and grants the app's role its privileges. `npm start` does
// this too; this is for deployments that migrate before starting new processes.
import { appRoleOf } from "../../server/database-roles.ts";
import { migrate } from "../../server/migrate.ts";
import { withAppDatabase } from "../app-database.ts";

try {
  const applied = await withAppDatabase((_url, urls) => migrate(urls.ownerUrl, (m) => console.log(m), { appRole: appRoleOf(urls) }));
  console.log(applied ? `db:migrate: ${applied} migration(s) applied.` : "db:migrate: the database is up to date.");
  process.exit(0);
} catch (error) {
  console.error(`db:migrate failed: ${(error as Error).message}`);
  process.exit(1);
}
