import { citationKey } from "~/domain/content/mdx-rules.ts";
import { formatDay } from "~/utils/format.ts";
import { useMdxContext } from "./mdx-context.ts";

type Props = { doc: string; article?: string; clause?: string; point?: string };

/** "Điều 13 khoản 5 điểm a" — the provision part of a citation. */
export function provisionLabel({ article, clause, point }: Omit<Props, "doc">) {
  return [point && `điểm ${point}`, clause && `khoản ${clause}`, article && `Điều ${article}`].filter(Boolean).join(" ");
}

export function legalDocumentPath(code: string) {
  return `/legal/${encodeURIComponent(code)}`;
}

export function LegalRef(props: Props) {
  const { documents, provisions } = useMdxContext();
  const doc = documents.get(props.doc);
  // A provision with a status of its own (amended, repealed alone) shows that one, else its document's.
  const own = props.article
    ? provisions.get(citationKey({ doc: props.doc, article: props.article, clause: props.clause ?? "", point: props.point ?? "" }))
    : undefined;
  const where = provisionLabel(props);
  const label = `${where ? `${where}, ` : ""}${doc ? `${doc.kind} ` : ""}${props.doc}`;
  const state = own ? { ...own, supersededFrom: null } : doc;
  const status = !state
    ? { cls: "unverified", text: "chưa có trong danh mục văn bản" }
    : state.status === "IN_FORCE"
      ? { cls: "in-force", text: "còn hiệu lực" }
      : state.status === "SUPERSEDED"
        ? {
            cls: "superseded",
            text: `đã được thay thế bởi ${state.supersededBy ?? "văn bản mới"}${state.supersededFrom ? ` từ ${formatDay(state.supersededFrom)}` : ""}`,
          }
        : { cls: "unverified", text: "hiệu lực chưa được xác minh" };
  return (
    <cite className={`legal-ref legal-ref--${status.cls}`}>
      <a href={`${legalDocumentPath(props.doc)}${props.article ? `#dieu-${props.article}` : ""}`}>{label}</a>{" "}
      <span className="legal-ref__status">({status.text})</span>
    </cite>
  );
}
