import { data } from "react-router";
import type { Route } from "./+types/verify.$code";
import { CertStatusBadge } from "~/components/certificates/certificate-list.tsx";
import { MINUTE_MS } from "~/domain/time/calendar.ts";
import { verifyCertificate } from "~/services/exams/certifications.server.ts";
import { checkLimit, hit } from "~/services/rate-limits.server.ts";
import { requestInfoContext } from "~/utils/context.server.ts";
import { formatDateTime, formatDay } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

// GET /verify/:code — public, no login: whether a certificate is valid, with the
// holder's name, the certification and its dates, and nothing else. Known and
// unknown codes take the same time, so the answer's timing reveals nothing.

const VERIFY_LIMIT = { max: 60, windowMs: MINUTE_MS };
const MIN_RESPONSE_MS = 150;
// issueCertification's codes: 20 random bytes in lower-case base32, 32 characters.
const WELL_FORMED = /^[a-z2-7]{32}$/;

const HEADERS = { "X-Robots-Tag": "noindex, nofollow", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

export const meta: Route.MetaFunction = ({ data }) => [
  { title: data?.pageTitle ?? "Học viện KT1" },
  { name: "robots", content: "noindex, nofollow" },
];

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function loader(args: Route.LoaderArgs) {
  const started = performance.now();
  const now = new Date();
  const t = serverT(args);
  const pageTitle = `${t("cert.verify.title")} · ${t("app.name")}`;
  const respond = async <T,>(body: T, status: number) => {
    await sleep(MIN_RESPONSE_MS - (performance.now() - started));
    return data({ pageTitle, checkedAt: now.toISOString(), ...body }, { status, headers: HEADERS });
  };

  const { ip } = args.context.get(requestInfoContext);
  const key = `verify:ip:${ip}`;
  const limit = await checkLimit(key, VERIFY_LIMIT, now);
  if (limit.blocked) {
    return respond({ result: null, error: t("cert.verify.rateLimited", { minutes: limit.retryAfterMinutes }) }, 429);
  }
  await hit(key, VERIFY_LIMIT, now);

  const code = (args.params.code ?? "").trim().toLowerCase();
  // The same lookup for every well-formed code, found or not.
  const result = WELL_FORMED.test(code) ? await verifyCertificate(code, now) : null;
  if (!result) return respond({ result: null, error: null }, 404);
  return respond({ result, error: null }, 200);
}

export default function VerifyPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { result, error, checkedAt } = loaderData;
  return (
    <div className="stack verify">
      <h1>{t("cert.verify.title")}</h1>
      {error ? (
        <p role="alert" className="alert alert--error">
          {error}
        </p>
      ) : !result ? (
        <section className="card verify__card verify__card--unknown" aria-live="polite">
          <p className="verify__verdict">{t("cert.verify.notFound")}</p>
          <p className="muted">{t("cert.verify.notFoundHint")}</p>
        </section>
      ) : (
        <section
          className={`card verify__card verify__card--${result.status.toLowerCase().replaceAll("_", "-")}`}
          aria-labelledby="verify-verdict"
        >
          <p id="verify-verdict" className="verify__verdict">
            <CertStatusBadge status={result.status} /> {t(`cert.verify.result.${result.status}`)}
          </p>
          <dl className="facts">
            <dt>{t("cert.serial")}</dt>
            <dd className="verify__serial">{result.serial}</dd>
            <dt>{t("cert.holder")}</dt>
            <dd className="verify__name">{result.fullName}</dd>
            <dt>{t("cert.type")}</dt>
            <dd>{result.typeName}</dd>
            <dt>{t("cert.validFrom")}</dt>
            <dd>{formatDay(result.validFrom)}</dd>
            <dt>{t("cert.validUntil")}</dt>
            <dd>{formatDay(result.validUntil)}</dd>
            {result.revokedOn ? (
              <>
                <dt>{t("cert.revokedAt")}</dt>
                <dd>{formatDay(result.revokedOn)}</dd>
              </>
            ) : null}
          </dl>
        </section>
      )}
      <p className="muted">
        {t("cert.verify.intro")} {t("cert.verify.checkedAt", { time: formatDateTime(checkedAt) })}
      </p>
    </div>
  );
}
