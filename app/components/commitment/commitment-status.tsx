import type { CommitmentView } from "~/services/commitment.server.ts";
import { formatDay } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";

const BADGE: Record<CommitmentView["status"], string> = {
  SIGNED: "badge--ok",
  STALE: "badge--warn",
  UNSIGNED: "badge--warn",
  NO_TEXT: "badge--muted",
};

/** Where a person stands against the current commitment text, in one line. */
export function CommitmentStatus({ view }: { view: CommitmentView }) {
  const t = useT();
  const how = view.kind ? t(`commitment.kind.${view.kind}`) : "";
  return (
    <span>
      <span className={`badge ${BADGE[view.status]}`}>{t(`commitment.status.${view.status}`)}</span>
      {view.status === "SIGNED" && view.signedOn
        ? ` ${t("commitment.signedOnVersion", { number: view.number ?? "", day: formatDay(view.signedOn), how })}`
        : null}
      {view.status === "STALE" && view.signedOn
        ? ` ${t("commitment.staleSince", { day: formatDay(view.signedOn), number: view.number ?? "" })}`
        : null}
    </span>
  );
}
