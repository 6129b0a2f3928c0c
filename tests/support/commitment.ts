// The commitment to protect state secrets in test data: a published text, and
// signatures recorded through the same services the pages use.
import type { Day } from "~/domain/time/calendar.ts";
import { FIRST_COMMITMENT_TEXT } from "~/seed/commitment-text.ts";
import { currentCommitmentText, publishCommitmentText, recordPaperCommitment } from "~/services/commitment.server.ts";

/** Publishes the first text (dated long ago, so old paper dates fit) unless one is published. */
export async function ensureCommitmentText(publishedAt = new Date("2010-01-01T00:00:00Z")) {
  if (await currentCommitmentText()) return;
  // Several callers at once: the second finds the same text published and is refused UNCHANGED.
  await publishCommitmentText(FIRST_COMMITMENT_TEXT, null, publishedAt);
}

/** The person signed the current text on paper on `signedOn` (recorded without a scan, as the seed does). */
export async function signOnPaper(personId: number, signedOn: Day) {
  await ensureCommitmentText();
  const result = await recordPaperCommitment({ personId, signedOn, source: { note: "dữ liệu thử" } }, null, new Date());
  if (!result.ok) throw new Error(`commitment of person ${personId}: ${result.code}`);
}
