// Documents served ahead of React Router from a template it rendered once
// (decisions 070 and 083): the lesson page and the exam page. A template is the
// page React Router renders with `template` in the request's context, where
// every per-request value is a random per-process marker (a hole); it is cached
// under a key naming everything else the page shows, split at its holes, and
// filled by string substitution for each request.
import { randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import { navFor } from "~/components/nav.ts";
import { sessionState } from "~/domain/auth/session-expiry.ts";
import { headerTemplateKey, type TemplateRender } from "~/utils/context.server.ts";
import { cookieIn, localeOf, SESSION_COOKIE } from "~/utils/cookies.server.ts";
import { FLASH_COOKIE } from "~/utils/flash.server.ts";
import { sessionIdOf, sessionUserOf, type SessionRow } from "./sessions.server.ts";

// Random per process, so that no lesson text, question or name can contain one.
const MARK = randomBytes(12).toString("hex");
/** The marker of a hole; `name` is lower-case letters. */
export const hole = (name: string) => `kt1${name}${MARK}`;
const HOLE = new RegExp(`(kt1[a-z]+${MARK})`);
/** The holes every page has: the CSP nonce and, in the header, the person's name and unit and the page's address. */
export const PAGE_HOLES = { nonce: hole("n"), name: hole("p"), unit: hole("u"), path: hole("h") };

// Templates split at their holes (odd indices), by key. A cache: losing it costs a render.
const templates = new LRUCache<string, string[]>({
  maxSize: 64 * 1024 * 1024,
  sizeCalculation: (parts) => parts.reduce((n, p) => n + p.length, 0) || 1,
});

/** What a document function is given of its request (server/template-document.ts). */
export type DocumentRequest<P> = { cookie: string | undefined; params: P; path: string; nonce: string };

let renders = 0;
/** How many templates this process has rendered (tests prove that two people share one). */
export const templateRenders = () => renders;

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The session id of a request a template may answer: a well-formed token and no flash message waiting. */
export function documentSessionId(cookie: string | undefined): string | null {
  const token = cookieIn(cookie, SESSION_COOKIE);
  if (!token || !/^[a-z2-7]{32}$/.test(token) || cookieIn(cookie, FLASH_COOKIE) !== null) return null;
  return sessionIdOf(token);
}

/**
 * The person of a session row, when a template may answer them: the same checks as
 * sessionMiddleware (valid, not in its renewal window, active, no password to
 * change); anything else is React Router's to answer.
 */
export function documentUser(sessionId: string, row: SessionRow | undefined, cookie: string | undefined, now: Date) {
  if (!row || row.status !== "ACTIVE" || row.must_change_password || sessionState(row.expires_at, now) !== "valid") return null;
  const user = sessionUserOf(sessionId, row);
  const locale = localeOf(cookie, user.locale);
  const header = headerTemplateKey(locale, navFor(user.grants, { hasDuties: row.has_duties }), row.unread);
  return { user, locale, header };
}

// Renders in flight, by key, of templates that will be kept: when exam day begins (or a
// process's first minute), dozens of requests miss the same template at once and share one render.
const rendering = new Map<string, Promise<string[] | null>>();

/** Renders the template for `key`; keeps it when the render's loaders saw `key`. Null when it did not answer 200. */
async function renderToKeep(
  key: string,
  render: (template: TemplateRender) => Promise<Response>,
  reported: (template: TemplateRender) => string,
) {
  const template: TemplateRender = { holes: PAGE_HOLES };
  renders++;
  const response = await render(template);
  if (response.status !== 200) {
    await response.body?.cancel();
    return null;
  }
  const parts = (await response.text()).split(HOLE);
  const kept = reported(template) === key;
  if (kept) templates.set(key, parts);
  return { parts, kept };
}

/**
 * The document for `key`, from its template, rendering it on a miss: `render` renders this
 * request through React Router with `template` in its context. The template is kept only
 * when `reported` (the key the render's loaders saw) equals `key`: nothing changed in
 * between. A miss while another request renders the same key waits for that render and
 * uses it if it is kept. `values` fills the holes (already escaped for where each stands).
 * Null when the render did not answer 200: React Router answers the request instead.
 */
export async function fromTemplate(
  key: string,
  render: (template: TemplateRender) => Promise<Response>,
  reported: (template: TemplateRender) => string,
  values: Record<string, string>,
) {
  let parts = templates.get(key);
  // No await before the render is registered: requests arriving together would each render.
  const pending = parts ? undefined : rendering.get(key);
  if (pending) parts = (await pending) ?? undefined;
  if (!parts) {
    const mine = renderToKeep(key, render, reported);
    if (!rendering.has(key)) {
      const shared = mine.then((r) => (r?.kept ? r.parts : null)).catch(() => null);
      rendering.set(key, shared);
      void shared.finally(() => rendering.delete(key));
    }
    const rendered = await mine;
    if (!rendered) return null;
    parts = rendered.parts;
  }
  return parts.map((part, i) => (i % 2 === 1 ? (values[part] ?? "") : part)).join("");
}
