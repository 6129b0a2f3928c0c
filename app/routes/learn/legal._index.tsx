import { Link } from "react-router";
import type { Route } from "./+types/legal._index";
import { LegalStatusBadge } from "~/components/learn/legal-status.tsx";
import { legalDocumentPath } from "~/components/mdx/legal-ref.tsx";
import { legalDocuments } from "~/services/content/learner-pages.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatDay } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

const STATUSES = ["IN_FORCE", "SUPERSEDED", "UNVERIFIED"] as const;
const day = (d: Date | null) => d?.toISOString() ?? null;

export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const t = serverT(args);
  const docs = await legalDocuments();
  const documents = docs.map((d) => ({
    ...d,
    issuedOn: day(d.issuedOn),
    effectiveFrom: day(d.effectiveFrom),
    supersededFrom: day(d.supersededFrom),
  }));
  return {
    pageTitle: `${t("learn.legal.title")} · ${t("app.name")}`,
    groups: STATUSES.map((status) => ({ status, documents: documents.filter((d) => d.status === status) })).filter(
      (g) => g.documents.length > 0,
    ),
    codes: documents.map((d) => d.code),
  };
}

export default function LegalRegistry({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const known = new Set(loaderData.codes);
  return (
    <div className="stack">
      <h1>{t("learn.legal.title")}</h1>
      <p className="lead">{t("learn.legal.intro")}</p>
      {loaderData.groups.length === 0 ? <p className="card empty">{t("learn.legal.empty")}</p> : null}
      {loaderData.groups.map((group) => (
        <section key={group.status} aria-labelledby={`group-${group.status}`} className="stack">
          <h2 id={`group-${group.status}`}>
            {t(`learn.legal.group.${group.status}`)} <span className="muted">({group.documents.length})</span>
          </h2>
          <ul className="legal-list">
            {group.documents.map((d) => (
              <li key={d.code} className="legal-doc">
                <h3 className="legal-doc__title">
                  <Link to={legalDocumentPath(d.code)}>
                    {d.kind} {d.code}
                  </Link>
                </h3>
                <p className="legal-doc__name">{d.title}</p>
                <p>
                  <LegalStatusBadge doc={d} known={known} />
                </p>
                <dl className="facts legal-doc__facts">
                  <dt>{t("learn.legal.issuer")}</dt>
                  <dd>{d.issuer}</dd>
                  <dt>{t("learn.legal.issuedOn")}</dt>
                  <dd>{d.issuedOn ? formatDay(d.issuedOn) : <span className="muted">{t("learn.legal.dateUnknown")}</span>}</dd>
                  <dt>{t("learn.legal.effectiveFrom")}</dt>
                  <dd>{d.effectiveFrom ? formatDay(d.effectiveFrom) : <span className="muted">{t("learn.legal.dateUnknown")}</span>}</dd>
                </dl>
                {d.summary ? <p className="legal-doc__summary">{d.summary}</p> : null}
                {d.note ? (
                  <p className="legal-doc__note">
                    <strong>{t("learn.legal.note")}:</strong> {d.note}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
