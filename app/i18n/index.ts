// One i18n layer for every string the UI shows. Vietnamese is the source; the
// English dictionary must have every key (the type says so). This module is the
// server's (and the tests'): the browser gets index.client.ts in its place
// (vite.config.ts), which reads only the page's language from the script the
// page loads (`messagesScript`, decisions 063 and 074).
import { sha256Hex } from "~/domain/hashing.ts";
import { common } from "./common.ts";
import { people } from "./people.ts";
import { audit } from "./audit.ts";
import { importPage } from "./import.ts";
import { learn } from "./learn.ts";
import { trainer } from "./trainer.ts";
import { exams } from "./exams.ts";
import { questions } from "./questions.ts";
import { certificates } from "./certificates.ts";
import { dashboard } from "./dashboard.ts";
import { notifications } from "./notifications.ts";
import { roster } from "./roster.ts";
import { tokens } from "./tokens.ts";
import { api } from "./api.ts";
import { obligations } from "./obligations.ts";
import { staffImport } from "./staff-import.ts";
import { reminderMail } from "./reminder-mail.ts";
import { escalation } from "./escalation.ts";
import { commitment } from "./commitment.ts";
import { quality } from "./quality.ts";
import { duties } from "./duties.ts";
import { credentials } from "./credentials.ts";
import { charts } from "./charts.ts";

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const vi = {
  ...common.vi,
  ...people.vi,
  ...audit.vi,
  ...importPage.vi,
  ...learn.vi,
  ...trainer.vi,
  ...exams.vi,
  ...questions.vi,
  ...certificates.vi,
  ...notifications.vi,
  ...dashboard.vi,
  ...roster.vi,
  ...tokens.vi,
  ...api.vi,
  ...obligations.vi,
  ...staffImport.vi,
  ...reminderMail.vi,
  ...escalation.vi,
  ...commitment.vi,
  ...quality.vi,
  ...duties.vi,
  ...credentials.vi,
  ...charts.vi,
};
export type MessageKey = keyof typeof vi;
const en: Record<MessageKey, string> = {
  ...common.en,
  ...people.en,
  ...audit.en,
  ...importPage.en,
  ...learn.en,
  ...trainer.en,
  ...exams.en,
  ...questions.en,
  ...certificates.en,
  ...notifications.en,
  ...dashboard.en,
  ...roster.en,
  ...tokens.en,
  ...api.en,
  ...obligations.en,
  ...staffImport.en,
  ...reminderMail.en,
  ...escalation.en,
  ...commitment.en,
  ...quality.en,
  ...duties.en,
  ...credentials.en,
  ...charts.en,
};
const dictionaries: Record<Locale, Record<MessageKey, string>> = { vi, en };

export type Params = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = dictionaries[locale][key] ?? dictionaries.vi[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function isLocale(value: unknown): value is Locale {
  return value === "vi" || value === "en";
}

export type Translate = (key: MessageKey, params?: Params) => string;

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(vi, value);
}

export type MessagesScript = { path: string; body: string };
const messagesCache = new Map<Locale, MessagesScript>();

/**
 * The dictionary of one language as the script the root layout loads: the
 * browser's translations, an immutable asset whose name carries a hash of its
 * content, so the browser fetches it once per language and release instead of
 * with every page (decision 074). The HTTP server answers its path.
 */
export function messagesScript(locale: Locale): MessagesScript {
  let script = messagesCache.get(locale);
  if (script === undefined) {
    const body = `window.__kt1Messages = ${JSON.stringify({ locale, messages: dictionaries[locale] })};\n`;
    const hash = sha256Hex(body).slice(0, 16);
    script = { path: `/assets/i18n-${locale}-${hash}.js`, body };
    messagesCache.set(locale, script);
  }
  return script;
}

/** The language whose dictionary the page carries: none on the server, which has them all (see index.client.ts). */
export const loadedLocale: Locale | null = null;
