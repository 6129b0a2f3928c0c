import { formatDateTime, formatDay } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";

export type SignatureRow = {
  id: number;
  kind: "ELECTRONIC" | "PAPER";
  signedOn: string;
  recordedAt: string;
  typedName: string | null;
  ipAddress: string | null;
  note: string | null;
  versionNumber: number;
  recordedBy: string | null;
  scan: { contentType: string; size: number; fileName: string } | null;
};

/** Every signature of one person, newest text first; `scanHref` links paper scans (for those who may see them). */
export function SignatureList(props: {
  signatures: SignatureRow[];
  currentNumber: number | null;
  scanHref: ((id: number) => string) | null;
  empty: string;
}) {
  const t = useT();
  if (props.signatures.length === 0) return <p className="empty">{props.empty}</p>;
  return (
    <ul className="signature-list">
      {props.signatures.map((s) => (
        <li key={s.id} className="stack">
          <p>
            <strong>{t("commitment.history.version", { number: s.versionNumber })}</strong>{" "}
            <span className={`badge ${s.versionNumber === props.currentNumber ? "badge--ok" : "badge--muted"}`}>
              {t(s.versionNumber === props.currentNumber ? "commitment.history.current" : "commitment.history.stale")}
            </span>
          </p>
          <dl className="facts">
            <dt>{t("commitment.history.kind")}</dt>
            <dd>{t(`commitment.kind.${s.kind}`)}</dd>
            <dt>{t("commitment.history.signedOn")}</dt>
            <dd>{formatDay(s.signedOn)}</dd>
            <dt>{t(s.kind === "ELECTRONIC" ? "commitment.history.signedAt" : "commitment.history.recordedAt")}</dt>
            <dd>{formatDateTime(s.recordedAt)}</dd>
            {s.typedName ? (
              <>
                <dt>{t("commitment.history.typedName")}</dt>
                <dd>{s.typedName}</dd>
              </>
            ) : null}
            {s.ipAddress ? (
              <>
                <dt>{t("commitment.history.ip")}</dt>
                <dd>
                  <code>{s.ipAddress}</code>
                </dd>
              </>
            ) : null}
            {s.kind === "PAPER" ? (
              <>
                <dt>{t("commitment.history.recordedBy")}</dt>
                <dd>{s.recordedBy ?? t("commitment.history.recordedBySystem")}</dd>
              </>
            ) : null}
            {s.scan ? (
              <>
                <dt>{t("commitment.history.scan")}</dt>
                <dd>{props.scanHref ? <a href={props.scanHref(s.id)}>{s.scan.fileName}</a> : s.scan.fileName}</dd>
              </>
            ) : null}
            {s.note ? (
              <>
                <dt>{t("commitment.history.note")}</dt>
                <dd>{s.note}</dd>
              </>
            ) : null}
          </dl>
        </li>
      ))}
    </ul>
  );
}
