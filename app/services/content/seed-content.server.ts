import { getDb } from "~/utils/db.server.ts";
import { readContentFiles } from "./files.server.ts";
import { syncContent } from "./sync.server.ts";

/** First start: load the shipped curriculum into an empty database. */
export async function syncContentIfEmpty(now: Date) {
  if ((await getDb().course.count()) > 0) return null;
  return syncContent(await readContentFiles(), now);
}
