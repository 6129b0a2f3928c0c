import { Link } from "react-router";
import { legalDocumentPath } from "~/components/mdx/legal-ref.tsx";
import { formatDay } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";

export type LegalStatusView = {
  status: "IN_FORCE" | "SUPERSEDED" | "UNVERIFIED";
  supersededBy: string | null;
  supersededFrom: string | null;
};

const CLASS = { IN_FORCE: "in-force", SUPERSEDED: "superseded", UNVERIFIED: "unverified" } as const;

/** "còn hiệu lực" / "đã được thay thế bởi X từ dd/mm/yyyy" / "chưa xác minh", coloured like citations in lessons. */
export function LegalStatusBadge({ doc, known }: { doc: LegalStatusView; known?: ReadonlySet<string> }) {
  const t = useT();
  let text: React.ReactNode;
  if (doc.status === "SUPERSEDED") {
    const by = doc.supersededBy ?? t("learn.legal.newDocument");
    const key = doc.supersededFrom ? "learn.legal.status.SUPERSEDED_FROM" : "learn.legal.status.SUPERSEDED";
    const [before, after] = t(key, { by: "\u0000", date: formatDay(doc.supersededFrom) }).split("\u0000");
    const byNode = doc.supersededBy && known?.has(doc.supersededBy) ? <Link to={legalDocumentPath(doc.supersededBy)}>{by}</Link> : by;
    text = (
      <>
        {before}
        {byNode}
        {after}
      </>
    );
  } else {
    text = t(`learn.legal.status.${doc.status}`);
  }
  return <span className={`legal-status legal-status--${CLASS[doc.status]}`}>{text}</span>;
}

/** How sure the registry is of a document's or a provision's text: V, S or U. */
export function ConfidenceMark({ level }: { level: string }) {
  const t = useT();
  const known = level === "V" || level === "S" || level === "U" ? level : "U";
  return (
    <span className={`confidence confidence--${known}`}>
      <span aria-hidden="true">{known === "V" ? "✓ " : known === "S" ? "≈ " : "? "}</span>
      {t(`learn.legal.confidence.${known}`)}
    </span>
  );
}
