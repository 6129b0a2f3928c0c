export type ApiLocale = "vi" | "en";

/** The API's response language: English when Accept-Language prefers it, else Vietnamese. */
export function apiLocale(acceptLanguage: string | null | undefined): ApiLocale {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
      return { lang: tag.trim().split("-")[0], q: q ? Number(q[1]) : 1, i };
    })
    .filter((x) => (x.lang === "vi" || x.lang === "en") && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.lang === "en" ? "en" : "vi";
}
