// npm run content:export — writes the database's published curriculum back into
// content/ so the shipped curriculum stays in git (review the diff, then commit).
import { CONTENT_DIR } from "../../app/services/content/files.server.ts";
import { exportContent } from "../../app/services/content/export.server.ts";
import { withAppDatabase } from "../app-database.ts";

try {
  const result = await withAppDatabase(() => exportContent(CONTENT_DIR));
  console.log(`content:export: wrote ${result.courses} courses, ${result.lessons} lessons and ${result.documents} legal documents to content/.`);
  process.exit(0);
} catch (error) {
  console.error(`content:export failed: ${(error as Error).message}`);
  process.exit(1);
}
