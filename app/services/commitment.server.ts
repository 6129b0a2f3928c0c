// The commitment to protect state secrets (decision 044): publishing a text,
// signing it in the app, recording a paper signature with its scan. Every
// write is audited in its own transaction; rows are only ever added.
import { createHash } from "node:crypto";
import {
  checkPaperDate,
  checkScan,
  checkText,
  commitmentStanding,
  nameMatches,
  textHash,
  type CommitmentStanding,
  type DateProblem,
  type ScanProblem,
  type VersionRef,
} from "~/domain/commitment/signature.ts";
import { ok, refused, type Result } from "~/domain/result.ts";
import { dayOf, fromDateColumn, toDateColumn } from "~/domain/time/calendar.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "./audit.server.ts";

type Reader = Pick<Tx, "commitmentVersion" | "commitmentSignature">;

// Serialises publications, so that version numbers follow one another (727044: this decision's lock class).
const PUBLISH_LOCK = 727044;

/** The current text (highest number), or null before the first is published. */
export async function currentCommitmentText(db: Reader = getDb()) {
  return db.commitmentVersion.findFirst({
    orderBy: { number: "desc" },
    select: { id: true, number: true, text: true, textSha256: true, publishedAt: true, publishedBy: { select: { fullName: true } } },
  });
}

/** Every version, newest first, with how many people signed each. */
export async function commitmentVersions() {
  const versions = await getDb().commitmentVersion.findMany({
    orderBy: { number: "desc" },
    select: {
      id: true,
      number: true,
      textSha256: true,
      publishedAt: true,
      publishedBy: { select: { fullName: true } },
      _count: { select: { signatures: true } },
    },
  });
  return versions.map((v) => ({
    id: v.id,
    number: v.number,
    textSha256: v.textSha256,
    publishedAt: v.publishedAt,
    publishedBy: v.publishedBy?.fullName ?? null,
    signatures: v._count.signatures,
  }));
}

/** Where the person stands against the current text. */
export async function standingOf(personId: number, db: Reader = getDb()): Promise<CommitmentStanding> {
  const [current, signatures] = await Promise.all([
    currentCommitmentText(db),
    db.commitmentSignature.findMany({ where: { personId }, select: { versionId: true, kind: true, signedOn: true } }),
  ]);
  return commitmentStanding(
    current,
    signatures.map((s) => ({ versionId: s.versionId, kind: s.kind, signedOn: fromDateColumn(s.signedOn) })),
  );
}

/** A person's signatures, newest text first, for their page and the admin's. */
export async function signaturesOf(personId: number) {
  const rows = await getDb().commitmentSignature.findMany({
    where: { personId },
    orderBy: { version: { number: "desc" } },
    select: {
      id: true,
      kind: true,
      signedOn: true,
      recordedAt: true,
      typedName: true,
      ipAddress: true,
      note: true,
      textSha256: true,
      version: { select: { number: true } },
      recordedBy: { select: { fullName: true } },
      scan: { select: { contentType: true, size: true, fileName: true } },
    },
  });
  return rows.map((s) => ({
    id: s.id,
    kind: s.kind,
    signedOn: fromDateColumn(s.signedOn),
    recordedAt: s.recordedAt.toISOString(),
    typedName: s.typedName,
    ipAddress: s.ipAddress,
    note: s.note,
    textSha256: s.textSha256,
    versionNumber: s.version.number,
    recordedBy: s.recordedBy?.fullName ?? null,
    scan: s.scan,
  }));
}

export type PublishProblem = "EMPTY" | "TOO_LONG" | "UNCHANGED";

/** Publishes a new text: it becomes current, and every earlier signature is stale for new bookings. */
export async function publishCommitmentText(
  rawText: string,
  actorId: number | null,
  now: Date,
): Promise<Result<{ number: number }, PublishProblem>> {
  return auditedTransaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(${PUBLISH_LOCK}::int, 0)`;
    const current = await currentCommitmentText(tx);
    const checked = checkText(rawText, current?.text ?? null);
    if (!checked.ok) return checked;
    const text = checked.value;
    const number = (current?.number ?? 0) + 1;
    const version = await tx.commitmentVersion.create({
      data: { number, text, textSha256: textHash(text), publishedAt: now, publishedById: actorId },
    });
    await appendAudit(
      tx,
      {
        actorId,
        action: "commitment.publish",
        targetType: "commitment_version",
        targetId: version.id,
        data: { number, textSha256: version.textSha256 },
      },
      now,
    );
    return ok({ number });
  });
}

export type SignProblem = "NO_TEXT" | "TEXT_CHANGED" | "NAME_MISMATCH" | "ALREADY_SIGNED";

/**
 * Signs the current text as the logged-in person. `versionId` is the text they
 * were shown: when a newer one was published meanwhile, they are shown that.
 */
export async function signCommitment(
  input: { personId: number; versionId: number; typedName: string; ipAddress: string },
  now: Date,
): Promise<Result<{ number: number }, SignProblem>> {
  return auditedTransaction(async (tx) => {
    const [person, current] = await Promise.all([
      tx.person.findUniqueOrThrow({ where: { id: input.personId }, select: { fullName: true, unitId: true } }),
      currentCommitmentText(tx),
    ]);
    if (!current) return refused("NO_TEXT");
    if (current.id !== input.versionId) return refused("TEXT_CHANGED");
    if (!nameMatches(input.typedName, person.fullName)) return refused("NAME_MISMATCH");
    // Serialised with a paper record of the same person (recordPaperCommitment).
    await tx.$queryRaw`select 1 from people where id = ${input.personId} for no key update`;
    const typedName = input.typedName.normalize("NFC").trim();
    const { count } = await tx.commitmentSignature.createMany({
      data: [
        {
          personId: input.personId,
          versionId: current.id,
          textSha256: current.textSha256,
          kind: "ELECTRONIC",
          signedOn: toDateColumn(dayOf(now)),
          recordedAt: now,
          typedName,
          ipAddress: input.ipAddress,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) return refused("ALREADY_SIGNED");
    await appendAudit(
      tx,
      {
        actorId: input.personId,
        action: "commitment.sign",
        unitId: person.unitId,
        targetType: "person",
        targetId: input.personId,
        data: { number: current.number, textSha256: current.textSha256, ipAddress: input.ipAddress },
      },
      now,
    );
    return ok({ number: current.number });
  });
}

export type PaperProblem = "NO_TEXT" | "ALREADY_SIGNED" | DateProblem | ScanProblem;
export type PaperSource = { scan: { fileName: string; bytes: Uint8Array<ArrayBuffer> } } | { note: string };

/**
 * Records that the person signed the current text on paper on `signedOn`. An
 * admin attaches the scan; only the demo seed records without one, with a note
 * (as the migration did for typed dates).
 */
export async function recordPaperCommitment(
  input: { personId: number; signedOn: string; source: PaperSource },
  actorId: number | null,
  now: Date,
): Promise<Result<{ number: number }, PaperProblem>> {
  const scanCheck = "scan" in input.source ? checkScan(input.source.scan.bytes) : null;
  if (scanCheck && !scanCheck.ok) return scanCheck;
  return auditedTransaction(async (tx) => {
    const [person, current] = await Promise.all([
      tx.person.findUniqueOrThrow({ where: { id: input.personId }, select: { unitId: true } }),
      currentCommitmentText(tx),
    ]);
    if (!current) return refused("NO_TEXT");
    const date = checkPaperDate(input.signedOn, current as VersionRef, now);
    if (!date.ok) return date;
    // The person row is locked so that two recordings (or a recording and a signature) cannot both pass this check.
    await tx.$queryRaw`select 1 from people where id = ${input.personId} for no key update`;
    if (
      await tx.commitmentSignature.findUnique({
        where: { personId_versionId: { personId: input.personId, versionId: current.id } },
        select: { id: true },
      })
    ) {
      return refused("ALREADY_SIGNED");
    }
    let scan: { id: number; contentType: string; size: number; sha256: string } | null = null;
    if ("scan" in input.source && scanCheck?.ok) {
      const { fileName, bytes } = input.source.scan;
      scan = await tx.commitmentScan.create({
        data: {
          contentType: scanCheck.value,
          fileName: fileName.slice(0, 200) || "scan",
          size: bytes.length,
          sha256: createHash("sha256").update(bytes).digest("hex"),
          bytes,
          createdAt: now,
        },
        select: { id: true, contentType: true, size: true, sha256: true },
      });
    }
    const note = "note" in input.source ? input.source.note : null;
    await tx.commitmentSignature.create({
      data: {
        personId: input.personId,
        versionId: current.id,
        textSha256: current.textSha256,
        kind: "PAPER",
        signedOn: toDateColumn(date.value),
        recordedAt: now,
        recordedById: actorId,
        scanId: scan?.id ?? null,
        note,
      },
    });
    await appendAudit(
      tx,
      {
        actorId,
        action: "commitment.paper_record",
        unitId: person.unitId,
        targetType: "person",
        targetId: input.personId,
        data: {
          number: current.number,
          signedOn: date.value,
          scan: scan ? { type: scan.contentType, size: scan.size, sha256: scan.sha256 } : null,
          note,
        },
      },
      now,
    );
    return ok({ number: current.number });
  });
}

/** A paper record's scan with the unit path of whose it is (the route authorises), or null. */
export async function commitmentScan(signatureId: number) {
  const row = await getDb().commitmentSignature.findUnique({
    where: { id: signatureId },
    select: {
      personId: true,
      person: { select: { unit: { select: { path: true } } } },
      scan: { select: { contentType: true, fileName: true, bytes: true } },
    },
  });
  if (!row?.scan) return null;
  return { personId: row.personId, unitPath: row.person.unit.path, ...row.scan };
}

export type CommitmentView = {
  status: CommitmentStanding["status"];
  /** The current text's number (null before the first). */
  number: number | null;
  /** The day of the signature shown: of the current text when SIGNED, of the latest one when STALE. */
  signedOn: string | null;
  kind: "ELECTRONIC" | "PAPER" | null;
};

/** The standing as plain data for a page. */
export async function commitmentViewOf(personId: number): Promise<CommitmentView> {
  const s = await standingOf(personId);
  if (s.status === "NO_TEXT") return { status: s.status, number: null, signedOn: null, kind: null };
  if (s.status === "UNSIGNED") return { status: s.status, number: s.current.number, signedOn: null, kind: null };
  return { status: s.status, number: s.current.number, signedOn: s.signature.signedOn, kind: s.signature.kind };
}

/** Whom a commitment page is about, with their unit's path for the route's access check; null when unknown. */
export async function commitmentSubject(personId: number) {
  const p = await getDb().person.findUnique({
    where: { id: personId },
    select: { id: true, fullName: true, employeeCode: true, unitId: true, unit: { select: { path: true } } },
  });
  return p ? { id: p.id, fullName: p.fullName, employeeCode: p.employeeCode, unitId: p.unitId, unitPath: p.unit.path } : null;
}
