import { formatDay } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";

/** A commitment text as published: its words, its number, its date and the hash a signature records. */
export function CommitmentText(props: { number: number; text: string; textSha256: string; publishedAt: string }) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby="commitment-text-h">
      <h2 id="commitment-text-h">{t("commitment.text.title", { number: props.number })}</h2>
      <p className="muted">{t("commitment.text.published", { day: formatDay(props.publishedAt) })}</p>
      <div className="commitment-text">{props.text}</div>
      <p className="muted commitment-hash">
        {t("commitment.text.hash")} <code>{props.textSha256}</code>
      </p>
    </section>
  );
}
