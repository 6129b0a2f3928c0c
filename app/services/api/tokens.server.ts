// API tokens for the roster API (/api/v1). Like sessions, only the SHA-256 of a
// token is stored: the token itself is shown once, when it is created. A token
// acts for a unit's subtree with a fixed set of scopes.
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { sha256Hex } from "~/domain/hashing.ts";
import { MINUTE_MS } from "~/domain/time/calendar.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { appendAudit, auditedTransaction } from "../audit.server.ts";

export const API_SCOPES = ["roster:read", "roster:write", "certifications:revoke", "compliance:read"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

const TOKEN_PREFIX = "kt1_";
const TOKEN_PATTERN = /^kt1_[a-z2-7]{32}$/;
/** lastUsedAt is written at most this often per token. */
const LAST_USED_RESOLUTION_MS = MINUTE_MS;

export type ApiTokenErrorCode = "INVALID_NAME" | "INVALID_SCOPE" | "UNKNOWN_UNIT" | "NO_ROOT_UNIT" | "NOT_FOUND";

/** A refusal the caller should show as it is (CLI: exit 2; page: form error). */
export class ApiTokenError extends Error {
  constructor(
    readonly code: ApiTokenErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ApiTokenError";
  }
}

function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/** 20 random bytes in base32 after a recognisable prefix (secret scanners can spot it). */
export function generateApiToken() {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return TOKEN_PREFIX + encodeBase32LowerCaseNoPadding(bytes);
}

export function apiTokenHash(token: string) {
  return sha256Hex(token);
}

/** Checks and normalises scopes: at least one, each known, no repeats, in canonical order. */
export function parseScopes(scopes: readonly string[]): ApiScope[] {
  const cleaned = scopes.map((s) => s.trim()).filter((s) => s !== "");
  if (cleaned.length === 0) throw new ApiTokenError("INVALID_SCOPE", `at least one scope is required (${API_SCOPES.join(", ")})`);
  const unknown = cleaned.filter((s) => !isApiScope(s));
  if (unknown.length)
    throw new ApiTokenError("INVALID_SCOPE", `unknown scope ${unknown.map((s) => `"${s}"`).join(", ")}; allowed: ${API_SCOPES.join(", ")}`);
  return API_SCOPES.filter((s) => cleaned.includes(s));
}

async function resolveUnit(tx: Tx, unitCode: string | undefined) {
  if (unitCode !== undefined && unitCode.trim() !== "") {
    const unit = await tx.unit.findUnique({ where: { code: unitCode.trim() }, select: { id: true, code: true } });
    if (!unit) throw new ApiTokenError("UNKNOWN_UNIT", `unknown unit "${unitCode.trim()}"`);
    return unit;
  }
  const roots = await tx.unit.findMany({ where: { parentId: null }, select: { id: true, code: true }, orderBy: { id: "asc" }, take: 2 });
  if (roots.length === 0) throw new ApiTokenError("NO_ROOT_UNIT", "there are no units yet; create the unit tree first");
  if (roots.length > 1) throw new ApiTokenError("NO_ROOT_UNIT", "the unit tree has several roots; name the unit (--unit CODE)");
  return roots[0];
}

/**
 * Creates a token for a unit's subtree (default: the root of the unit tree).
 * Returns the token once; only its hash is stored.
 */
export async function createApiToken(
  input: { name: string; unitCode?: string; scopes: readonly string[] },
  actorId: number | null,
  now: Date,
) {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw new ApiTokenError("INVALID_NAME", "the name must be 1 to 100 characters");
  const scopes = parseScopes(input.scopes);
  const token = generateApiToken();
  return auditedTransaction(async (tx) => {
    const unit = await resolveUnit(tx, input.unitCode);
    const row = await tx.apiToken.create({
      data: { name, tokenHash: apiTokenHash(token), unitId: unit.id, scopes, createdAt: now, createdById: actorId },
    });
    await appendAudit(
      tx,
      {
        actorId,
        action: "api_token.create",
        unitId: unit.id,
        targetType: "api_token",
        targetId: row.id,
        data: { name, unit: unit.code, scopes },
      },
      now,
    );
    return { id: row.id, token, name, unitCode: unit.code, scopes };
  });
}

/** Revokes a token (kept as history). Revoking twice changes nothing. */
export async function revokeApiToken(id: number, actorId: number | null, now: Date) {
  return auditedTransaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id }, include: { unit: { select: { code: true } } } });
    if (!row) throw new ApiTokenError("NOT_FOUND", `no API token with id ${id}`);
    if (row.revokedAt) return { id, name: row.name, alreadyRevoked: true };
    await tx.apiToken.update({ where: { id }, data: { revokedAt: now } });
    await appendAudit(
      tx,
      {
        actorId,
        action: "api_token.revoke",
        unitId: row.unitId,
        targetType: "api_token",
        targetId: id,
        data: { name: row.name, unit: row.unit.code },
      },
      now,
    );
    return { id, name: row.name, alreadyRevoked: false };
  });
}

/** The root-to-unit ids of the unit a token acts for, or null when there is no such token. */
export async function apiTokenUnitPath(id: number): Promise<number[] | null> {
  const token = await getDb().apiToken.findUnique({ where: { id }, select: { unit: { select: { path: true } } } });
  return token?.unit.path ?? null;
}

export type ApiTokenRow = {
  id: number;
  name: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  scopes: string[];
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

/** Tokens of units in the subtrees of `scope` (every token when scope is null). */
export async function listApiTokens(scope: number[] | null): Promise<ApiTokenRow[]> {
  const rows = await getDb().apiToken.findMany({
    where: scope === null ? {} : { unit: { path: { hasSome: scope } } },
    include: { unit: { select: { code: true, name: true } } },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    unitId: r.unitId,
    unitCode: r.unit.code,
    unitName: r.unit.name,
    scopes: r.scopes,
    createdAt: r.createdAt,
    revokedAt: r.revokedAt,
    lastUsedAt: r.lastUsedAt,
  }));
}

export type AuthenticatedToken = {
  id: number;
  name: string;
  unitId: number;
  unitCode: string;
  scopes: string[];
};

/** The bearer token in an Authorization header, or null when there is none or it is malformed. */
function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match || !TOKEN_PATTERN.test(match[1])) return null;
  return match[1];
}

/** The live (not revoked) token a request carries, or null. Notes its use at most once a minute. */
export async function authenticate(request: Request, now: Date = new Date()): Promise<AuthenticatedToken | null> {
  return (await authenticateWith(request, now, null)).token;
}

/** The live token's row and, when it holds `also.scope`, `also.sql`'s value: authenticateWith's statement. */
export function tokenSql(token: string, also: { scope: ApiScope; sql: Prisma.Sql } | null) {
  const alsoSql = also ? Prisma.sql`case when ${also.scope}::text = any(t.scopes) then (${also.sql}) end` : Prisma.sql`null::json`;
  return Prisma.sql`
    select t.id, t.name, t.unit_id as "unitId", u.code as "unitCode", t.scopes, t.last_used_at as "lastUsedAt", ${alsoSql} as also
    from api_tokens t join units u on u.id = t.unit_id
    where t.token_hash = ${apiTokenHash(token)} and t.revoked_at is null`;
}

/**
 * authenticate(), and in the same statement `also.sql`, evaluated only when the
 * token is live and holds `also.scope` (else null): a route whose data must
 * wait for the token's check reads both in one round trip.
 */
export async function authenticateWith<T>(
  request: Request,
  now: Date,
  also: { scope: ApiScope; sql: Prisma.Sql } | null,
): Promise<{ token: AuthenticatedToken | null; also: T | null }> {
  const token = bearerToken(request);
  if (!token) return { token: null, also: null };
  const db = getDb();
  // One statement (every API request starts here; the model query with its include took two).
  const [row] = await db.$queryRaw<
    { id: number; name: string; unitId: number; unitCode: string; scopes: string[]; lastUsedAt: Date | null; also: T | null }[]
  >(tokenSql(token, also));
  if (!row) return { token: null, also: null };
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests write it once.
    await db.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  return { token: { id: row.id, name: row.name, unitId: row.unitId, unitCode: row.unitCode, scopes: row.scopes }, also: row.also };
}
