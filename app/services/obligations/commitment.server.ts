// The commitment obligation as read (decision 048): derived at read time from
// the person's position, their KT1-gating obligations, the current text and
// their signatures — nothing stored, so a new text makes older signatures
// stale for everyone at once, with no rewrite.
import { commitmentObligation, type CommitmentObligation } from "~/domain/obligations/commitment.ts";
import { fromDateColumn } from "~/domain/time/calendar.ts";
import { getDb } from "~/utils/db.server.ts";
import { currentCommitmentText } from "../commitment.server.ts";

/** Each person's commitment obligation at `now`; people who need not sign (or no text yet) are absent. */
export async function commitmentObligationsOf(personIds: readonly number[], now: Date): Promise<Map<number, CommitmentObligation>> {
  const out = new Map<number, CommitmentObligation>();
  if (personIds.length === 0) return out;
  const db = getDb();
  const ids = [...personIds];
  const [current, people, signatures] = await Promise.all([
    currentCommitmentText(),
    db.person.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        status: true,
        positionSince: true,
        positionRef: { select: { secretAccess: true } },
        obligations: { where: { rule: { gatesKt1Duty: true } }, select: { ruleId: true }, take: 1 },
      },
    }),
    db.commitmentSignature.findMany({
      where: { personId: { in: ids } },
      select: { personId: true, versionId: true, kind: true, signedOn: true },
    }),
  ]);
  for (const p of people) {
    const mine = signatures
      .filter((s) => s.personId === p.id)
      .map((s) => ({ versionId: s.versionId, kind: s.kind, signedOn: fromDateColumn(s.signedOn) }));
    const o = commitmentObligation(
      {
        status: p.status,
        secretAccess: p.positionRef.secretAccess,
        gatesKt1Duty: p.obligations.length > 0,
        positionSince: fromDateColumn(p.positionSince),
      },
      current,
      mine,
      now,
    );
    if (o) out.set(p.id, o);
  }
  return out;
}
