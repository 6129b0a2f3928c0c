import { createContext } from "react-router";
import type { Grant } from "~/domain/access/permissions.ts";
import type { Locale } from "~/i18n/index.ts";

/**
 * The render of a document's template (decisions 070 and 083): the loaders print
 * `holes` (markers) for the person's name and unit and the page's address, the nonce is `holes.nonce`,
 * and they note what else the page depends on (`header`, `page`).
 */
export type TemplateRender = { holes: { nonce: string; name: string; unit: string; path: string }; header?: string; page?: string };

/**
 * `document`: a page load (rendered to HTML), not a `.data` request of client-side navigation.
 * `overloaded`: set by the build's handleError when a loader or action failed waiting for the
 * database (server/app.ts answers 503 with Retry-After instead of the 500, decision 071).
 */
export type RequestInfo = {
  nonce: string;
  requestId: string;
  ip: string;
  document?: boolean;
  overloaded?: boolean;
  template?: TemplateRender;
};

/** What a page's header shows besides the person's name and unit (a lesson document's template, decision 070). */
export function headerTemplateKey(locale: string, nav: readonly { to: string; label: string }[], unread: number) {
  return JSON.stringify([locale, nav, unread]);
}
export type SessionUser = {
  sessionId: string;
  accountId: number;
  personId: number;
  fullName: string;
  employeeCode: string;
  email: string | null;
  unitId: number;
  unitName: string;
  mustChangePassword: boolean;
  locale: Locale;
  grants: Grant[];
};

export const requestInfoContext = createContext<RequestInfo>({ nonce: "", requestId: "-", ip: "unknown" });
export const userContext = createContext<SessionUser | null>(null);
/**
 * Unread notifications of the signed-in person, read with their session at the
 * start of a GET; null when unknown (no session, or a request that runs an
 * action first, which may change the count).
 */
export const unreadNotificationsContext = createContext<number | null>(null);
/** Whether the signed-in person was ever on a duty (the menu), read like the unread count. */
export const hasDutiesContext = createContext<boolean | null>(null);
export const localeContext = createContext<Locale>("vi");
/**
 * Large HTML a page load renders into the document but leaves out of the
 * hydration data, by element id (the lesson body, decision 063): the browser
 * reads it back from the DOM. Null on `.data` requests, which must carry it.
 */
export const documentHtmlContext = createContext<Map<string, string> | null>(null);
