// npm run db:migrate — applies pending migrations to the app's database
// (DATABASE_URL, or the embedded one in ./data/postgres). `npm start` does this
// too; this is for deployments that migrate before starting new processes.
import { migrate } from "../../server/migrate.ts";
import { withAppDatabase } from "../app-database.ts";

try {
  const applied = await withAppDatabase((url) => migrate(url, (m) => console.log(m)));
  console.log(applied ? `db:migrate: ${applied} migration(s) applied.` : "db:migrate: the database is up to date.");
  process.exit(0);
} catch (error) {
  console.error(`db:migrate failed: ${(error as Error).message}`);
  process.exit(1);
}
