// The browser's i18n layer, in place of index.ts (vite.config.ts redirects the
// import): the same functions, but over the one dictionary the server embedded
// in the page (root.tsx, `messagesJson`), so a page ships one language, not
// both (decision 063). Types come from index.ts (erased at build time).
import type { Locale, MessageKey, Params } from "./index.ts";

export type { Locale, MessageKey, Params, Translate } from "./index.ts";

export const LOCALES = ["vi", "en"] as const;

const ELEMENT_ID = "kt1-messages";
const raw = typeof document === "undefined" ? null : (document.getElementById(ELEMENT_ID)?.textContent ?? null);
const loaded = raw ? (JSON.parse(raw) as { locale: Locale; messages: Record<string, string> }) : null;

/** The language whose dictionary this page carries. */
export const loadedLocale: Locale | null = loaded?.locale ?? null;

/**
 * Only the loaded language is here. A switch of language reloads the document
 * (root.tsx), so until then the loaded language answers for the other one.
 */
export function translate(_locale: Locale, key: MessageKey, params?: Params): string {
  const text = loaded?.messages[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function isLocale(value: unknown): value is Locale {
  return value === "vi" || value === "en";
}

export function isMessageKey(value: string): value is MessageKey {
  return loaded !== null && Object.hasOwn(loaded.messages, value);
}

/** The embedded JSON exactly as the server sent it: hydration renders the same element again. */
export function messagesJson(_locale: Locale): string {
  return raw ?? "";
}
