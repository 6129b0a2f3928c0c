import { useRouteLoaderData } from "react-router";
import { translate, type Locale, type MessageKey, type Params } from "~/i18n/index.ts";

/** The translator for components, in the language the root loader chose. */
export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? "vi";
}

export function useT() {
  const locale = useLocale();
  return (key: MessageKey, params?: Params) => translate(locale, key, params);
}
