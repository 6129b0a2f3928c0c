import { Link } from "react-router";
import type { Route } from "./+types/legal.$code";
import { ConfidenceMark, LegalStatusBadge } from "~/components/learn/legal-status.tsx";
import type { Translate } from "~/i18n/index.ts";
import { legalDocument, lessonsCiting } from "~/services/content/learner-pages.server.ts";
import { audiencesOf } from "~/services/content/learning.server.ts";
import { notFound, requireUser } from "~/utils/auth.server.ts";
import { formatDay } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";
import { Breadcrumb } from "~/components/breadcrumb.tsx";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

const day = (d: Date | null) => d?.toISOString() ?? null;
const numeric = (a: string, b: string) => a.localeCompare(b, "vi", { numeric: true });

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const t = serverT(args);
  // React Router hands the parameter over decoded: /legal/117%2F2025%2FQH15 → "117/2025/QH15".
  const code = args.params.code;
  const found = await legalDocument(code);
  if (!found) notFound();
  const { doc, replacementKnown } = found;
  const audiences = await audiencesOf(user.personId, user.grants);
  const provisions = [...doc.provisions].sort(
    (a, b) => numeric(a.article, b.article) || numeric(a.clause, b.clause) || numeric(a.point, b.point),
  );
  const anchored = new Set<string>();
  return {
    pageTitle: `${doc.kind} ${doc.code} · ${t("app.name")}`,
    doc: {
      code: doc.code,
      kind: doc.kind,
      title: doc.title,
      issuer: doc.issuer,
      issuedOn: day(doc.issuedOn),
      effectiveFrom: day(doc.effectiveFrom),
      status: doc.status,
      supersededBy: doc.supersededBy,
      supersededFrom: day(doc.supersededFrom),
      confidence: doc.confidence,
      note: doc.note,
      summary: doc.summary,
      sourceUrl: doc.sourceUrl && /^https?:\/\//i.test(doc.sourceUrl) ? doc.sourceUrl : null,
    },
    provisions: provisions.map((p) => {
      // Citations link to #dieu-N: the first provision of each article carries the anchor.
      const anchor = anchored.has(p.article) ? null : `dieu-${p.article}`;
      anchored.add(p.article);
      return {
        key: `${p.article}|${p.clause}|${p.point}`,
        anchor,
        article: p.article,
        clause: p.clause,
        point: p.point,
        title: p.title,
        excerpt: p.excerpt,
        confidence: p.confidence,
      };
    }),
    citing: await lessonsCiting(doc.code, audiences),
    known: replacementKnown && doc.supersededBy ? [doc.supersededBy] : [],
  };
}

function provisionLabel(t: Translate, p: { article: string; clause: string; point: string }) {
  if (!p.article) return t("learn.legal.wholeDocument");
  return [
    t("learn.legal.article", { article: p.article }),
    p.clause && t("learn.legal.clause", { clause: p.clause }),
    p.point && t("learn.legal.point", { point: p.point }),
  ]
    .filter(Boolean)
    .join(", ");
}

export default function LegalDocumentPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { doc, provisions, citing } = loaderData;
  const known = new Set(loaderData.known);
  const unknownDate = <span className="muted">{t("learn.legal.dateUnknown")}</span>;
  return (
    <div className="stack legal-page">
      <Breadcrumb trail={[{ to: "/legal", label: t("learn.legal.back") }]} current={doc.code} />
      <h1>
        {doc.kind} {doc.code}
      </h1>
      <p className="lead">{doc.title}</p>
      <p>
        <LegalStatusBadge doc={doc} known={known} />
      </p>
      <section className="card">
        <dl className="facts">
          <dt>{t("learn.legal.issuer")}</dt>
          <dd>{doc.issuer}</dd>
          <dt>{t("learn.legal.issuedOn")}</dt>
          <dd>{doc.issuedOn ? formatDay(doc.issuedOn) : unknownDate}</dd>
          <dt>{t("learn.legal.effectiveFrom")}</dt>
          <dd>{doc.effectiveFrom ? formatDay(doc.effectiveFrom) : unknownDate}</dd>
          {doc.status === "SUPERSEDED" ? (
            <>
              <dt>{t("learn.legal.supersededFrom")}</dt>
              <dd>{doc.supersededFrom ? formatDay(doc.supersededFrom) : unknownDate}</dd>
            </>
          ) : null}
          <dt>{t("learn.legal.docConfidence")}</dt>
          <dd>
            <ConfidenceMark level={doc.confidence} />
          </dd>
        </dl>
        {doc.summary ? (
          <p>
            <strong>{t("learn.legal.summary")}:</strong> {doc.summary}
          </p>
        ) : null}
        {doc.note ? (
          <p className="legal-doc__note">
            <strong>{t("learn.legal.note")}:</strong> {doc.note}
          </p>
        ) : null}
        {doc.sourceUrl ? (
          <p>
            <a href={doc.sourceUrl} rel="noopener noreferrer external" target="_blank">
              {t("learn.legal.source")}
            </a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="provisions-h" className="stack">
        <h2 id="provisions-h">{t("learn.legal.provisions")}</h2>
        {provisions.length === 0 ? (
          <p className="empty">{t("learn.legal.noProvisions")}</p>
        ) : (
          <ol className="provision-list">
            {provisions.map((p) => (
              <li key={p.key} id={p.anchor ?? undefined} className="provision">
                <h3 className="provision__label">
                  {provisionLabel(t, p)}. {p.title}
                </h3>
                <blockquote className="provision__excerpt">{p.excerpt}</blockquote>
                <ConfidenceMark level={p.confidence} />
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="citing-h" className="stack">
        <h2 id="citing-h">{t("learn.legal.citedBy")}</h2>
        {citing.length === 0 ? (
          <p className="empty">{t("learn.legal.citedByNone")}</p>
        ) : (
          <ul className="citing-list">
            {citing.map((l) => (
              <li key={`${l.courseSlug}/${l.lessonSlug}`}>
                <Link to={`/learn/${encodeURIComponent(l.courseSlug)}/${encodeURIComponent(l.lessonSlug)}`}>{l.title}</Link>
                <span className="muted">
                  {" "}
                  · {l.courseTitle} · {t("learn.legal.citedWhere", { where: l.citations.map((c) => provisionLabel(t, c)).join("; ") })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
