import { Link } from "react-router";
import type { Route } from "./+types/trainer.exams._index";
import { examsSummary } from "~/services/exams/item-analysis.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { formatPercent } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useLocale, useT } from "~/utils/use-t.ts";
import { Breadcrumb } from "~/components/breadcrumb.tsx";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  requireScope(args, "content:write");
  const t = serverT(args);
  return { pageTitle: `${t("exams.trainer.title")} · ${t("app.name")}`, exams: await examsSummary() };
}

export default function TrainerExams({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { exams } = loaderData;
  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: "/trainer", label: t("trainer.title") }]} current={t("exams.trainer.title")} />
      <h1>{t("exams.trainer.title")}</h1>
      <p className="lead">{t("exams.trainer.intro")}</p>
      {exams.length === 0 ? (
        <p className="card empty">{t("exams.trainer.empty")}</p>
      ) : (
        <div className="table-wrap card">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("exams.trainer.exam")}</th>
                <th scope="col">{t("exams.trainer.type")}</th>
                <th scope="col" className="num">
                  {t("exams.trainer.submitted")}
                </th>
                <th scope="col" className="num">
                  {t("exams.trainer.passed")}
                </th>
                <th scope="col" className="num">
                  {t("exams.trainer.passRate")}
                </th>
                <th scope="col" className="num">
                  {t("exams.trainer.open")}
                </th>
              </tr>
            </thead>
            <tbody>
              {exams.map((e) => (
                <tr key={e.id}>
                  <td className="wrap-anywhere">
                    <Link to={`/trainer/exams/${e.id}`}>{e.title}</Link>
                  </td>
                  <td>{e.typeName}</td>
                  <td className="num">{e.submitted}</td>
                  <td className="num">{e.passed}</td>
                  <td className="num">{e.passRate === null ? "—" : formatPercent(e.passRate * 100, locale)}</td>
                  <td className="num">{e.open}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
