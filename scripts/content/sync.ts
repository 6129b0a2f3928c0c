// npm run content:sync — loads content/ into the app's database: the legal
// registry and glossary, courses, and a new published version of each lesson
// whose source changed. All or nothing: one invalid lesson loads nothing.
import { migrate } from "../../server/migrate.ts";
import { readContentFiles } from "../../app/services/content/files.server.ts";
import { syncContent } from "../../app/services/content/sync.server.ts";
import { withAppDatabase } from "../app-database.ts";

try {
  const result = await withAppDatabase(async (url) => {
    await migrate(url);
    return syncContent(await readContentFiles(), new Date());
  });
  console.log(`content:sync: ${result.courses} courses, ${result.documents} legal documents; ${result.published} lesson version(s) published.`);
  process.exit(0);
} catch (error) {
  console.error(`content:sync failed: ${(error as Error).message}`);
  process.exit(1);
}
