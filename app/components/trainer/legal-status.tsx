import type { Translate } from "~/i18n/index.ts";
import { formatDay } from "~/utils/format.ts";

export type LegalStatus = "IN_FORCE" | "SUPERSEDED" | "UNVERIFIED";
export const LEGAL_STATUSES: readonly LegalStatus[] = ["IN_FORCE", "SUPERSEDED", "UNVERIFIED"];

/** "đã bị thay thế bởi 999/2026/QH15 từ 01/07/2026", "còn hiệu lực", … */
export function legalStatusText(
  t: Translate,
  doc: { status: LegalStatus; supersededBy: string | null; supersededFrom: Date | string | null },
) {
  if (doc.status === "SUPERSEDED" && doc.supersededBy) {
    return doc.supersededFrom
      ? t("trainer.status.supersededByFrom", { code: doc.supersededBy, date: formatDay(doc.supersededFrom) })
      : t("trainer.status.supersededBy", { code: doc.supersededBy });
  }
  return t(`trainer.status.${doc.status}`);
}

export function LegalStatusBadge({ status, label }: { status: LegalStatus; label: string }) {
  const cls = status === "IN_FORCE" ? "badge--ok" : status === "SUPERSEDED" ? "badge--warn" : "badge--muted";
  return <span className={`badge ${cls}`}>{label}</span>;
}
