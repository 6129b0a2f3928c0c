// The personal iCalendar feed (decision 065). Its URL carries a secret token;
// like sessions and API tokens only the token's SHA-256 is stored, so the URL
// is shown once, when it is issued. Issuing again replaces the old token (the
// old URL stops working); revoking deletes it. Both are audited.
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { sha256Hex } from "~/domain/hashing.ts";
import { writeDutyCalendar } from "~/domain/roster/ical.ts";
import { translate, type Locale } from "~/i18n/index.ts";
import { getDb } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";
import { feedDuties } from "./my-duties.server.ts";

const FEED_TOKEN_PATTERN = /^[a-z2-7]{40}$/;

function feedTokenHash(token: string) {
  return sha256Hex(token);
}

/** The path of a feed, relative to the site. */
export function feedPath(token: string) {
  return `/duties/feed/${token}.ics`;
}

/** When the person's current feed was issued, or null when they have none. */
export async function feedIssuedAt(personId: number): Promise<Date | null> {
  const row = await getDb().dutyFeed.findUnique({ where: { personId }, select: { createdAt: true } });
  return row?.createdAt ?? null;
}

/** Issues a new feed token for the person (replacing any old one) and returns it: it is shown only now. */
export async function issueFeed(personId: number, now: Date): Promise<string> {
  const bytes = new Uint8Array(25);
  crypto.getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  const tokenHash = feedTokenHash(token);
  await auditedTransaction(async (tx) => {
    const before = await tx.dutyFeed.findUnique({ where: { personId }, select: { personId: true } });
    await tx.dutyFeed.upsert({
      where: { personId },
      create: { personId, tokenHash, createdAt: now },
      update: { tokenHash, createdAt: now },
    });
    await appendAudit(
      tx,
      { actorId: personId, action: before ? "duties.feed.reissue" : "duties.feed.issue", targetType: "person", targetId: personId },
      now,
    );
  });
  return token;
}

/** Revokes the person's feed; false when there was none. */
export async function revokeFeed(personId: number, now: Date): Promise<boolean> {
  return auditedTransaction(async (tx) => {
    const { count } = await tx.dutyFeed.deleteMany({ where: { personId } });
    if (count > 0)
      await appendAudit(tx, { actorId: personId, action: "duties.feed.revoke", targetType: "person", targetId: personId }, now);
    return count > 0;
  });
}

/** The feed named by a URL token ("….ics" allowed), or null for a malformed, unknown or revoked one. */
export async function calendarForToken(raw: string, now: Date): Promise<string | null> {
  const token = raw.replace(/\.ics$/i, "");
  if (!FEED_TOKEN_PATTERN.test(token)) return null;
  const feed = await getDb().dutyFeed.findUnique({
    where: { tokenHash: feedTokenHash(token) },
    select: { person: { select: { id: true, fullName: true, status: true, account: { select: { locale: true } } } } },
  });
  if (!feed || feed.person.status !== "ACTIVE") return null;
  const locale: Locale = feed.person.account?.locale === "en" ? "en" : "vi";
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(locale, key, params);
  const duties = await feedDuties(feed.person.id, now);
  return writeDutyCalendar({
    name: t("duties.feed.calendarName", { name: feed.person.fullName }),
    now,
    events: duties.map((d) => ({
      assignmentId: d.assignmentId,
      sequence: d.sequence,
      startsAt: new Date(d.startsAt),
      endsAt: new Date(d.endsAt),
      summary: t("duties.feed.summary", { duty: d.duty, station: d.station }),
      location: d.station,
      description: [
        t("duties.feed.description", { duty: d.duty, station: d.station }),
        ...d.covers.map((c) =>
          c.certification
            ? t("duties.feed.certification", {
                type: c.typeName,
                serial: c.certification.serial,
                until: c.certification.validUntil.split("-").reverse().join("/"),
              })
            : t("duties.feed.noCertification", { type: c.typeName }),
        ),
      ].join("\n"),
      cancelled: d.cancelled,
    })),
  });
}
