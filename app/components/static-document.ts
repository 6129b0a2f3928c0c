import { useMatches } from "react-router";
import type { MessageKey, Params } from "~/i18n/index.ts";

/**
 * A route's `handle` when its page loads as a static document (decision 070):
 * no hydration data and no React Router scripts, only `staticScript` (its own
 * small enhancements, inlined with the CSP nonce). entry.server drops the
 * hydration data; the root layout prints the script instead of <Scripts>.
 */
export type StaticDocument = { staticScript: (t: (key: MessageKey, params?: Params) => string) => string };

function isStaticDocument(handle: unknown): handle is StaticDocument {
  return typeof (handle as Partial<StaticDocument> | undefined)?.staticScript === "function";
}

/** The static document's handle among these matches' handles, if the page is one. */
export function staticDocumentOf(handles: readonly unknown[]): StaticDocument | null {
  return handles.find(isStaticDocument) ?? null;
}

/** In the server's render of a page: its static document's handle, if it is one (never in the browser, which hydrates every other page). */
export function useStaticDocument(): StaticDocument | null {
  const matches = useMatches();
  if (typeof document !== "undefined") return null;
  return staticDocumentOf(matches.map((m) => m.handle));
}
