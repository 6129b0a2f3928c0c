import { translate, type Locale, type MessageKey } from "~/i18n/index.ts";

// An audit entry read as one sentence ("Nguyễn Văn A phân công Trần B vào ca
// 04/12/2026 07:00 …"), with the people, shifts, certificates and lessons it
// names as links. Pure: the names and links come in `refs`, looked up by the
// service for the page's rows only. A template whose values are not all known
// (an entry written before a field existed, or an action added later) falls
// back to the generic sentence rather than print a hole.

export type AuditLink = { text: string; href: string | null };
export type SentencePart = string | AuditLink;

/**
 * Names and links by key: "person:<id>", "code:<employee code>", and
 * "<targetType>:<targetId>" (for an assignment, its shift; also
 * "assignmentPerson:<id>" and "certificationPerson:<id>").
 */
export type AuditRefs = Readonly<Record<string, AuditLink | undefined>>;

/** How numbers and dates read (the app's one formatter, passed in: the domain imports no utils). */
export type SentenceFormat = {
  /** An instant (ISO) as dd/mm/yyyy HH:mm in Vietnam time. */
  dateTime: (iso: string) => string;
  /** A Day (yyyy-mm-dd) as dd/mm/yyyy. */
  day: (day: string) => string;
  number: (n: number) => string;
  percent: (n: number) => string;
};

export type SentenceEntry = {
  action: string;
  actorId: number | null;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
};

type Value = SentencePart | undefined;
type Filled = Value | Value[];
type Ctx = {
  e: SentenceEntry;
  d: Record<string, unknown>;
  refs: AuditRefs;
  locale: Locale;
  f: SentenceFormat;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
};

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined);
const num = (c: Ctx, v: unknown): string | undefined => (typeof v === "number" ? c.f.number(v) : undefined);
const pct = (c: Ctx, v: unknown): string | undefined => (typeof v === "number" ? c.f.percent(v) : undefined);
const day = (c: Ctx, v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? c.f.day(v) : undefined);
const instant = (c: Ctx, v: unknown) => (typeof v === "string" && !Number.isNaN(Date.parse(v)) ? c.f.dateTime(v) : undefined);
const count = (c: Ctx, v: unknown) => (Array.isArray(v) ? c.f.number(v.length) : num(c, v));

/** A message when `key` exists in the dictionary, else `fallback`. */
function known(c: Ctx, key: string, fallback: string | undefined, params?: Record<string, string>) {
  const text = c.t(key as MessageKey, params);
  return text === key ? fallback : text;
}

function actor(c: Ctx): SentencePart {
  const { actorId, actorName } = c.e;
  if (actorId == null) return c.t(c.e.action === "auth.login_failed" ? "audit.s.unknown" : "audit.s.system");
  return c.refs[`person:${actorId}`] ?? { text: actorName ?? `#${actorId}`, href: `/people/${actorId}` };
}

/** The entry's target: its looked-up name and link, or what the data says it was called. */
function target(c: Ctx, ...fallbacks: unknown[]): Value {
  const { targetType, targetId } = c.e;
  if (!targetType || targetId == null) return undefined;
  const ref = c.refs[`${targetType}:${targetId}`];
  if (ref) return ref;
  const name = fallbacks.map(str).find(Boolean);
  return name ?? `#${targetId}`;
}

/** A person named in the data by employee code. */
function byCode(c: Ctx, code: unknown): Value {
  const s = str(code);
  return s ? (c.refs[`code:${s}`] ?? s) : undefined;
}

/** Changed fields, by their labels: "Họ tên, Trạng thái". */
function fields(c: Ctx): string | undefined {
  const names = Object.keys(c.d).filter((k) => k !== "sessionsEnded");
  return names.length ? names.map((k) => known(c, `audit.data.${k}`, k)).join(", ") : undefined;
}

const reason = (c: Ctx, v: unknown) => {
  const s = str(v);
  return s ? known(c, `audit.s.reason.${s}`, s) : undefined;
};
const legalStatus = (c: Ctx, v: unknown) => {
  const s = str(v);
  return s ? known(c, `learn.legal.status.${s}`, s, { by: "…", date: "" }) : undefined;
};
const role = (c: Ctx, v: unknown) => {
  const s = str(v);
  return s ? known(c, `role.${s}`, s) : undefined;
};
const via = (c: Ctx) => (c.d.path === "API" ? c.t("audit.s.viaApi") : "");

/** Per action, the values of its sentence's placeholders. */
const FILL: Record<string, (c: Ctx) => Record<string, Filled>> = {
  "auth.login": (c) => ({ ip: str(c.d.ip) }),
  "auth.login_failed": (c) => ({ identifier: str(c.d.identifier), ip: str(c.d.ip) }),
  "auth.logout": () => ({}),
  "auth.logout_everywhere": () => ({}),
  "account.password_change": () => ({}),
  "account.password_reset": (c) => ({ target: target(c) }),
  "person.create": (c) => ({ target: target(c, c.d.fullName) }),
  "person.update": (c) => ({ target: target(c), fields: fields(c) }),
  "people.import": (c) => ({
    file: str(c.d.fileName),
    created: num(c, c.d.created),
    updated: num(c, c.d.updated),
    left: num(c, c.d.left),
  }),
  "unit.create": (c) => ({ target: target(c, c.d.name) }),
  "unit.update": (c) => ({ target: target(c), fields: fields(c) }),
  "role.grant": (c) => ({ target: target(c), role: role(c, c.d.role) }),
  "role.revoke": (c) => ({ target: target(c), role: role(c, c.d.role) }),
  "position.create": (c) => ({ target: target(c, c.d.name) }),
  "position.update": (c) => ({ target: target(c), fields: fields(c) }),
  "requirement.create": (c) => ({ target: target(c), effectiveFrom: day(c, c.d.effectiveFrom) }),
  "requirement.update": (c) => ({ target: target(c), fields: fields(c) }),
  "requirement.delete": (c) => ({ certType: str(c.d.certificationType) }),
  "reminder.manual": (c) => ({ target: target(c, c.d.serial), person: byCode(c, c.d.person), validUntil: day(c, c.d.validUntil) }),
  "commitment.publish": (c) => ({ number: str(c.d.number) }),
  "commitment.sign": (c) => ({ number: str(c.d.number) }),
  "commitment.paper_record": (c) => ({ target: target(c), number: str(c.d.number), signedOn: day(c, c.d.signedOn) }),
  "content.sync": (c) => ({ count: count(c, c.d.published) }),
  "lesson.create": (c) => ({ target: target(c, c.d.lesson) }),
  "lesson.publish": (c) => ({ target: target(c, c.d.lesson), version: str(c.d.version) }),
  "lesson.restore": (c) => ({ target: target(c, c.d.lesson), version: str(c.d.version) }),
  "legal.status": (c) => ({ target: target(c, c.d.code), old: legalStatus(c, c.d.old), new: legalStatus(c, c.d.new) }),
  "legal.provision.status": (c) => ({
    target: target(c, c.d.code),
    provision: str(c.d.provision),
    old: legalStatus(c, c.d.old),
    new: legalStatus(c, c.d.new),
  }),
  "course.complete": (c) => ({ target: target(c, c.d.course) }),
  "question.create": (c) => ({ target: target(c, c.d.key) }),
  "question.update": (c) => ({ target: target(c, c.d.key), version: str(c.d.version) }),
  "question.retire": (c) => ({ target: target(c, c.d.key) }),
  "question.unretire": (c) => ({ target: target(c, c.d.key) }),
  "question.group": (c) => ({ target: target(c, c.d.key), from: str(c.d.from) ?? "—", to: str(c.d.to) ?? "—" }),
  "question.review": (c) => ({ target: target(c, c.d.key), version: str(c.d.version) }),
  "questions.import": (c) => ({ file: str(c.d.file), target: target(c, c.d.course) }),
  "questions.export": (c) => {
    const t = target(c, c.d.course);
    return { target: t === undefined ? "" : [" (", t, ")"] };
  },
  "exam.approve": (c) => ({ target: target(c, c.d.exam), revision: str(c.d.revision) }),
  "exam.settings": (c) => {
    const next = (c.d.new ?? {}) as Record<string, unknown>;
    return { target: target(c, c.d.exam), passPercent: pct(c, next.passPercent), minutes: num(c, next.timeLimitMinutes) };
  },
  "exam.start": (c) => ({ exam: str(c.d.exam), questions: num(c, c.d.questions) }),
  "exam.submit": (c) => ({
    exam: str(c.d.exam),
    percent: pct(c, c.d.percent),
    outcome: typeof c.d.passed === "boolean" ? c.t(c.d.passed ? "audit.s.exam.passed" : "audit.s.exam.failed") : undefined,
  }),
  "training.record": (c) => ({
    target: target(c, c.d.type),
    heldOn: day(c, c.d.heldOn),
    place: str(c.d.place),
    attended: num(c, c.d.attended) ?? count(c, c.d.toCertify),
    listed: num(c, c.d.listed),
  }),
  "training.confirm": (c) => ({ target: target(c, c.d.type), count: count(c, c.d.certified) }),
  "training.reject": (c) => ({ target: target(c, c.d.type), reason: str(c.d.reason) }),
  "certification.issue": (c) => ({
    target: target(c, c.d.serial),
    person: c.refs[`certificationPerson:${c.e.targetId}`],
    validFrom: day(c, c.d.validFrom),
    validUntil: day(c, c.d.validUntil),
  }),
  "certification.revoke": (c) => ({
    target: target(c, c.d.serial),
    person: c.refs[`certificationPerson:${c.e.targetId}`],
    reason: reason(c, c.d.reason),
  }),
  "api.revoke": (c) => ({
    token: str(c.d.apiTokenName),
    target: target(c, c.d.serial),
    person: c.refs[`certificationPerson:${c.e.targetId}`],
    reason: reason(c, c.d.reason),
  }),
  "credential.key.rotate": (c) => ({ target: target(c) }),
  "duties.feed.issue": () => ({}),
  "duties.feed.reissue": () => ({}),
  "duties.feed.revoke": () => ({}),
  "roster.shift_covered": (c) => ({ target: target(c) }),
  "roster.shift_uncovered": (c) => ({ target: target(c) }),
  "roster.swap.request": (c) => ({ target: target(c) }),
  "roster.swap.accept": (c) => ({ target: target(c) }),
  "roster.swap.decline": (c) => ({ target: target(c) }),
  "roster.swap.withdraw": (c) => ({ target: target(c) }),
  "api_token.create": (c) => ({ name: str(c.d.name) }),
  "api_token.revoke": (c) => ({ name: str(c.d.name) }),
  "roster.assign": (c) => ({
    person: c.refs[`assignmentPerson:${c.e.targetId}`] ?? byCode(c, c.d.person),
    target: [target(c) ?? "", via(c)],
    startsAt: instant(c, c.d.startsAt),
    endsAt: instant(c, c.d.endsAt),
  }),
  "roster.cancel": (c) => ({
    person: c.refs[`assignmentPerson:${c.e.targetId}`] ?? byCode(c, c.d.person),
    target: [target(c) ?? "", via(c)],
    reason: reason(c, c.d.reason),
  }),
  "roster.shift_create": (c) => ({
    target: [target(c, c.d.duty) ?? "", via(c)],
    startsAt: instant(c, c.d.startsAt),
    endsAt: instant(c, c.d.endsAt),
  }),
  "roster.station_create": (c) => ({ target: target(c, c.d.name) }),
  "roster.station_rename": (c) => ({ target: target(c, c.d.to), from: str(c.d.from), to: str(c.d.to) }),
  "roster.duty_type_create": (c) => ({ name: str(c.d.name) ?? str(c.d.code) }),
  "roster.duty_type_update": (c) => ({ name: str(c.d.name) ?? str(c.d.code) }),
  "roster.refusals_export": (c) => ({ rows: num(c, c.d.rows) }),
  "roster.seed": () => ({}),
  "audit.export": () => ({}),
  "dashboard.export": (c) => ({ rows: num(c, c.d.rows) }),
};

/** Every action with its own sentence (the filter lists these; tests check the code writes no other). */
export const SENTENCE_ACTIONS: readonly string[] = Object.keys(FILL);

/** Splits a template at its {placeholders}, putting the values (or links) in. */
function fillTemplate(template: string, values: Record<string, Filled>): SentencePart[] | null {
  const parts: SentencePart[] = [];
  let rest = template;
  for (let m = /\{(\w+)\}/.exec(rest); m; m = /\{(\w+)\}/.exec(rest)) {
    if (m.index > 0) parts.push(rest.slice(0, m.index));
    const v = values[m[1]];
    const list = Array.isArray(v) ? v : [v];
    if (list.some((x) => x === undefined)) return null;
    for (const x of list as SentencePart[]) if (x !== "") parts.push(x);
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest) parts.push(rest);
  return parts;
}

function genericSentence(c: Ctx, actionLabel: string): SentencePart[] {
  const t = target(c);
  return fillTemplate(c.t("audit.s.generic"), {
    actor: actor(c),
    action: actionLabel,
    target: t === undefined ? "" : (fillTemplate(c.t("audit.s.genericTarget"), { target: t }) ?? []),
  }) as SentencePart[];
}

/**
 * The entry as sentence parts: strings and links. `actionLabel` names the
 * action in the generic sentence (its translated label, or its code).
 */
export function auditSentence(
  entry: SentenceEntry,
  refs: AuditRefs,
  locale: Locale,
  actionLabel: string,
  f: SentenceFormat,
): SentencePart[] {
  const data = entry.data && typeof entry.data === "object" && !Array.isArray(entry.data) ? (entry.data as Record<string, unknown>) : {};
  const c: Ctx = { e: entry, d: data, refs, locale, f, t: (key, params) => translate(locale, key, params) };
  const fill = Object.hasOwn(FILL, entry.action) ? FILL[entry.action] : null;
  if (!fill) return genericSentence(c, actionLabel);
  const key = entry.action === "exam.submit" && entry.actorId == null ? "audit.s.exam.submitAuto" : `audit.s.${entry.action}`;
  const parts = fillTemplate(c.t(key as MessageKey), { actor: actor(c), ...fill(c) });
  return parts ?? genericSentence(c, actionLabel);
}

/** The sentence as plain text (CSV, titles, tests). */
export function sentenceText(parts: readonly SentencePart[]): string {
  return parts.map((p) => (typeof p === "string" ? p : p.text)).join("");
}
