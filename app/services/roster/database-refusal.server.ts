// What PostgreSQL said when it refused a write, read from its SQLSTATE and its
// DETAIL field however Prisma wrapped the driver's error, never by searching
// the error's text. The KT1 trigger (roster migration) raises check_violation
// with the reason codes, comma-separated, as DETAIL.
import { ALL_REASON_CODES, type Reason, type ReasonCode } from "~/domain/roster/eligibility.ts";

export type PostgresError = { sqlState: string; message: string; detail: string | null };

const CHECK_VIOLATION = "23514";

/** The PostgreSQL error behind `error` (a pg error, Prisma's DriverAdapterError or an error wrapping one), or null. */
export function postgresError(error: unknown): PostgresError | null {
  const queue: unknown[] = [error];
  for (let i = 0; i < queue.length && i < 12; i++) {
    const e = queue[i];
    if (!e || typeof e !== "object") continue;
    const o = e as {
      originalCode?: unknown;
      originalMessage?: unknown;
      code?: unknown;
      severity?: unknown;
      message?: unknown;
      detail?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    const detail = typeof o.detail === "string" ? o.detail : null;
    // The adapter's description of a driver error (DriverAdapterError.cause).
    if (typeof o.originalCode === "string")
      return { sqlState: o.originalCode, message: String(o.originalMessage ?? o.message ?? ""), detail };
    // node-postgres' own error.
    if (typeof o.code === "string" && /^[0-9A-Z]{5}$/.test(o.code) && typeof o.severity === "string")
      return { sqlState: o.code, message: String(o.message ?? ""), detail };
    queue.push(o.cause, o.meta?.driverAdapterError);
  }
  return null;
}

const isReasonCode = (value: string): value is ReasonCode => (ALL_REASON_CODES as readonly string[]).includes(value);

/** The reasons of a refusal by the KT1 assignment trigger, or null for any other error. */
export function ruleRefusalOf(error: unknown): Reason[] | null {
  const pg = postgresError(error);
  if (pg?.sqlState !== CHECK_VIOLATION || !pg.detail) return null;
  const codes = pg.detail.split(",");
  return codes.every(isReasonCode) ? codes.map((code) => ({ code })) : null;
}

/** The assignment a duty type change would break (the requirements trigger names it), or null for any other error. */
export function brokenAssignmentOf(error: unknown): number | null {
  const pg = postgresError(error);
  if (pg?.sqlState !== CHECK_VIOLATION) return null;
  const m = /would break assignment (\d+)/.exec(pg.message);
  return m ? Number(m[1]) : null;
}
