// The commitment to protect state secrets in test data: a published text, and
// signatures recorded through the same services the pages use.
import { toDateColumn, type Day } from "~/domain/time/calendar.ts";
import { FIRST_COMMITMENT_TEXT } from "~/seed/commitment-text.ts";
import { currentCommitmentText, publishCommitmentText, recordPaperCommitment } from "~/services/commitment.server.ts";
import { getDb } from "~/utils/db.server.ts";

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

/**
 * A paper signature of the current text stored as a given, on any day (the
 * rule's cases sign after today or before the text, which the service refuses).
 */
export async function givenPaperSignature(personId: number, signedOn: Day) {
  await ensureCommitmentText();
  const current = await currentCommitmentText();
  if (!current) throw new Error("no commitment text");
  await getDb().commitmentSignature.create({
    data: {
      personId,
      versionId: current.id,
      textSha256: current.textSha256,
      kind: "PAPER",
      signedOn: toDateColumn(signedOn),
      recordedAt: new Date(),
      note: "dữ liệu thử",
    },
  });
}
