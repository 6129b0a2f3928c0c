import { z } from "zod";

/** The largest value of a PostgreSQL integer column (every id in the schema). */
const INT32_MAX = 2_147_483_647;

/**
 * A database id or page cursor written as decimal digits: a positive int32, or
 * null for anything else ("", "0", "01", "1e3", "9999999999" overflows the column).
 */
export function parseId(raw: unknown): number | null {
  if (typeof raw !== "string" || !/^[1-9][0-9]{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= INT32_MAX ? id : null;
}

/** The zod form of parseId, for ids inside forms and query strings; `message` is the field's error (an i18n key in forms). */
export function idField(message = "invalid") {
  return z.string({ error: message }).transform((raw, ctx) => {
    const id = parseId(raw);
    if (id === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return id;
  });
}

export const idSchema = idField();
