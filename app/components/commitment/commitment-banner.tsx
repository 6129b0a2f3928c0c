import { Link } from "react-router";
import type { CommitmentView } from "~/services/commitment.server.ts";
import { useT } from "~/utils/use-t.ts";

/** Asks the learner to sign when the current text is unsigned or stale; nothing otherwise. */
export function CommitmentBanner({ view }: { view: CommitmentView }) {
  const t = useT();
  if (view.status !== "UNSIGNED" && view.status !== "STALE") return null;
  return (
    <p className="alert alert--info" role="note">
      {t(`commitment.banner.${view.status}`, { number: view.number ?? "" })}{" "}
      <Link to="/account/commitment">{t("commitment.banner.link")}</Link>
    </p>
  );
}
