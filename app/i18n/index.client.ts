// The browser's i18n layer, in place of index.ts (vite.config.ts redirects the
// import): the same functions, but over the one dictionary the page loaded
// (root.tsx, `messagesScript`: a cached script that sets window.__kt1Messages
// before the app's modules run), so a page ships one language, not both
// (decisions 063 and 074). Types come from index.ts (erased at build time).
import type { Locale, MessageKey, Params } from "./index.ts";

export type { Locale, MessageKey, MessagesScript, Params, Translate } from "./index.ts";
import type { MessagesScript } from "./index.ts";

export const LOCALES = ["vi", "en"] as const;

const ELEMENT_ID = "kt1-messages";
type Loaded = { locale: Locale; messages: Record<string, string> };
const loaded = typeof window === "undefined" ? null : ((window as { __kt1Messages?: Loaded }).__kt1Messages ?? null);
const path = typeof document === "undefined" ? "" : (document.getElementById(ELEMENT_ID)?.getAttribute("src") ?? "");

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

/** The script the page loaded, as the server named it: hydration renders the same element again. */
export function messagesScript(_locale: Locale): MessagesScript {
  return { path, body: "" };
}
