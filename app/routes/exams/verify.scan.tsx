import { useCallback, useState } from "react";
import type { Route } from "./+types/verify.scan";
import { CameraScan } from "~/components/credentials/camera-scan.tsx";
import { useVerifier } from "~/components/credentials/use-verifier.ts";
import type { VerifyResult } from "~/domain/credentials/credential.ts";
import { currentRevocationList } from "~/services/credentials/credentials.server.ts";
import { publicKeys } from "~/services/credentials/keys.server.ts";
import { HOUR_MS } from "~/domain/time/calendar.ts";
import { formatDateTime, formatDay } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

// GET /verify/scan — public: the duty post's verifier (decision 068). It checks
// a signed credential on the device with the public keys and the signed
// revocation list, and keeps working offline once opened (service worker).

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const t = serverT(args);
  const [keys, list] = await Promise.all([publicKeys(), currentRevocationList(new Date())]);
  return {
    pageTitle: `${t("scan.title")} · ${t("app.name")}`,
    keys: keys.map((k) => ({ kid: k.kid, publicKey: k.publicKey })),
    list,
  };
}

const OK = new Set(["VALID"]);

export default function ScanPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const verifier = useVerifier({ keys: loaderData.keys, list: loaderData.list });
  const [code, setCode] = useState("");
  const [result, setResult] = useState<VerifyResult | null>(null);
  const { check } = verifier;
  const run = useCallback(
    async (text: string) => {
      setCode(text);
      setResult(await check(text));
    },
    [check],
  );
  const list = verifier.list;
  return (
    <div className="stack verify">
      <h1>{t("scan.title")}</h1>
      <p className="lead">{t("scan.intro")}</p>
      <noscript>
        <p className="alert alert--info">{t("scan.noScript")}</p>
      </noscript>
      <section className="card stack" aria-label={t("scan.title")}>
        <CameraScan onCode={run} />
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void run(code);
          }}
        >
          <label htmlFor="scan-code">{t("scan.code")}</label>
          <textarea
            id="scan-code"
            rows={3}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-describedby="scan-code-hint"
            spellCheck={false}
          />
          <p id="scan-code-hint" className="muted">
            {t("scan.codeHint")}
          </p>
          <p>
            <button type="submit" className="button">
              {t("scan.check")}
            </button>
          </p>
        </form>
      </section>
      <div aria-live="polite">
        {result ? (
          <section
            className={`card verify__card ${OK.has(result.verdict) ? "verify__card--valid" : "verify__card--unknown"}`}
            aria-labelledby="scan-verdict"
          >
            <p id="scan-verdict" className="verify__verdict">
              {OK.has(result.verdict) ? "✓ " : "✗ "}
              {t(`scan.verdict.${result.verdict}`)}
            </p>
            {result.payload && result.verdict !== "BAD_SIGNATURE" && result.verdict !== "UNKNOWN_KEY" ? (
              <dl className="facts">
                <dt>{t("scan.holder")}</dt>
                <dd>{result.payload.n}</dd>
                <dt>{t("scan.employeeCode")}</dt>
                <dd>
                  <code>{result.payload.e}</code>
                </dd>
                <dt>{t("scan.type")}</dt>
                <dd>{result.payload.t}</dd>
                <dt>{t("scan.serial")}</dt>
                <dd>
                  <code>{result.payload.s}</code>
                </dd>
                <dt>{t("scan.valid")}</dt>
                <dd>{t("scan.validRange", { from: formatDay(result.payload.f), to: formatDay(result.payload.u) })}</dd>
              </dl>
            ) : null}
          </section>
        ) : null}
      </div>
      <section className="card stack">
        {!verifier.checkedAt ? null : list ? (
          <p>
            {t("scan.list", {
              at: formatDateTime(list.issuedAt),
              hours: Math.floor((verifier.checkedAt.getTime() - Date.parse(list.issuedAt)) / HOUR_MS),
              count: list.revoked.length,
            })}
          </p>
        ) : (
          <p className="alert alert--info">{t("scan.listMissing")}</p>
        )}
        {result?.listStale && list ? <p className="alert alert--error">{t("scan.listStale")}</p> : null}
        <p className="muted">{t("scan.keys", { count: verifier.keys.length })}</p>
        {verifier.offlineReady ? <p className="muted scan__offline">{t("scan.offlineReady")}</p> : null}
      </section>
    </div>
  );
}
