import { createContext } from "react-router";
import type { Grant } from "~/domain/access/permissions.ts";
import type { Locale } from "~/i18n/index.ts";

export type RequestInfo = { nonce: string; requestId: string; ip: string };
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
export const localeContext = createContext<Locale>("vi");
