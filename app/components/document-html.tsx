import { createContext, useContext, useState } from "react";

// Large HTML sent once (decision 063). On a page load the loader leaves it out
// of its data and hands it to entry.server through documentHtmlContext; the
// server render takes it from this React context, and the browser, hydrating,
// reads it back from the element it was rendered into. Client-side navigation
// gets it in the loader data as usual.
const DocumentHtmlContext = createContext<ReadonlyMap<string, string>>(new Map());
export const DocumentHtmlProvider = DocumentHtmlContext.Provider;

/**
 * The HTML of element `id`: the loader's when it sent it, else the server's
 * render (on the server) or the DOM's (while hydrating). `key` names what the
 * HTML is of (e.g. the lesson version): the same key keeps the HTML in place
 * when the loader sends it again, so a revalidation never rewrites the element.
 */
export function useDocumentHtml(id: string, key: string, fromLoader: string | null): string {
  const rendered = useContext(DocumentHtmlContext).get(id);
  const [held, setHeld] = useState(() => ({
    key,
    html: fromLoader ?? rendered ?? (typeof document === "undefined" ? "" : (document.getElementById(id)?.innerHTML ?? "")),
  }));
  if (held.key !== key && fromLoader !== null) {
    setHeld({ key, html: fromLoader });
    return fromLoader;
  }
  return held.html;
}
