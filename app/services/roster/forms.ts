// The shapes of the roster pages' forms. Messages are i18n keys (parseForm
// returns them; the route translates). Ids go through parseId like every id.
import { z } from "zod";
import { isClockTime } from "~/domain/roster/week.ts";
import { isDay } from "~/domain/time/calendar.ts";
import { normalizeTypedDay, TYPED_DAY_ERROR } from "~/domain/time/typed-day.ts";
import type { MessageKey } from "~/i18n/index.ts";
import { parseId } from "~/utils/ids.ts";

const k = (key: MessageKey) => key;

/** A database id in a form field, with the message to show when it is not one. */
const id = (message: MessageKey) =>
  z.string({ error: message }).transform((raw, ctx) => parseId(raw) ?? (ctx.addIssue({ code: "custom", message }), z.NEVER));

const text = (max: number) =>
  z
    .string({ error: k("form.required") })
    .transform((s) => s.trim().replace(/\s+/g, " "))
    .pipe(z.string().min(1, k("form.required")).max(max, k("roster.error.tooLong")));
const code = z
  .string({ error: k("form.required") })
  .transform((s) => s.trim().toUpperCase())
  .pipe(
    z
      .string()
      .min(1, k("form.required"))
      .regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, k("roster.error.code")),
  );

export const shiftCreateSchema = z
  .object({
    // Typed dd/mm/yyyy (or ISO): the shared date field (decision 061).
    day: z.preprocess(
      normalizeTypedDay,
      z.string({ error: k("roster.error.day") }).refine((v) => isDay(v), k(TYPED_DAY_ERROR)),
    ),
    start: z.string({ error: k("roster.error.time") }).refine((v) => isClockTime(v), k("roster.error.time")),
    end: z.string({ error: k("roster.error.time") }).refine((v) => isClockTime(v), k("roster.error.time")),
    dutyTypeId: id("roster.error.duty"),
    headcount: z.coerce
      .number({ error: k("roster.error.headcount") })
      .int(k("roster.error.headcount"))
      .min(1, k("roster.error.headcount"))
      .max(100, k("roster.error.headcount")),
  })
  .refine((v) => v.start !== v.end, { path: ["end"], message: k("roster.error.sameTime") });

export const stationCreateSchema = z.object({ code, name: text(200), unitId: id("roster.error.invalid") });
export const stationRenameSchema = z.object({ stationId: id("roster.error.invalid"), name: text(200) });

const months = z.coerce
  .number({ error: k("roster.error.months") })
  .int(k("roster.error.months"))
  .min(0, k("roster.error.months"))
  .max(600, k("roster.error.months"));
const dutyTypeFieldsSchema = z.object({
  name: text(200),
  minExperienceMonths: months,
  requiresCommitment: z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean()),
});
export const dutyTypeCreateSchema = dutyTypeFieldsSchema.extend({ code });
export const dutyTypeUpdateSchema = dutyTypeFieldsSchema.extend({ dutyTypeId: id("roster.error.invalid") });

/** The certification types ticked on a duty type form (ids only; unknown ones are dropped by the service). */
export function certificationTypeIdsOf(form: FormData): number[] {
  return form
    .getAll("certificationTypeId")
    .map((v) => parseId(v))
    .filter((v): v is number => v !== null);
}
