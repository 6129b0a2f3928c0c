// npm run content:balance — stores options in a neutral order (decision 050):
// moves the key of single-answer questions off over-used positions and
// unstacks the keys of multiple-answer questions, in content/questions/*.json
// (or the folder given), file by file so each course's GIFT export is neutral
// too. Leaves neutral questions alone; review the diff.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { rebalanceOptions } from "../../app/domain/content/option-order.ts";
import { CONTENT_DIR } from "../../app/services/content/files.server.ts";
import { formatQuestionFile } from "../../app/services/content/question-files.server.ts";

const dir = path.join(process.argv[2] ? path.resolve(process.argv[2]) : CONTENT_DIR, "questions");
const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
const banks = await Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(dir, f), "utf8")) as Record<string, unknown>[]));
const moved = banks.flatMap((bank) => rebalanceOptions(bank.filter((q) => !("retired" in q)) as Parameters<typeof rebalanceOptions>[0]));
await Promise.all(files.map((f, i) => writeFile(path.join(dir, f), formatQuestionFile(banks[i]))));
console.log(`content:balance: reordered the options of ${moved.length} question(s)${moved.length ? `: ${moved.join(", ")}` : ""}.`);
