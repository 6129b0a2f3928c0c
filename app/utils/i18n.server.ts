import type { RouterContextProvider } from "react-router";
import { translate, type MessageKey, type Params } from "~/i18n/index.ts";
import { localeContext } from "./context.server.ts";

/** A translator for loaders and actions, in the request's language. */
export function serverT({ context }: { context: Readonly<RouterContextProvider> }) {
  const locale = context.get(localeContext);
  return (key: MessageKey, params?: Params) => translate(locale, key, params);
}
