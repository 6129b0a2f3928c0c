import type { z } from "zod";
import type { MessageKey } from "~/i18n/index.ts";

export type FieldErrors = Record<string, string>;

/** Validates a form's shape; on failure returns one message key per field. */
export function parseForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of formData) raw[key] = typeof value === "string" ? value : value;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/**
 * The text fields of a posted form, to fill the form in again after an error.
 * `intent` only picks the action; `omit` keeps secrets (a password) from being
 * sent back to the browser.
 */
export function formValues(formData: FormData, omit: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && key !== "intent" && !omit.includes(key)) values[key] = value;
  }
  return values;
}

/** Turns message keys from parseForm into words in the request's language. */
export function translateErrors(errors: Record<string, string>, t: (key: MessageKey) => string) {
  const out: Record<string, string> = {};
  for (const [field, key] of Object.entries(errors)) {
    const words = t(key as MessageKey);
    out[field] = words === key ? t("people.error.invalid") : words;
  }
  return out;
}
