import { data, Form, Link } from "react-router";
import type { Route } from "./+types/admin.commitment";
import { CommitmentText } from "~/components/commitment/commitment-text.tsx";
import { Field, useBusy } from "~/components/people/form-field.tsx";
import { TEXT_MAX_LENGTH } from "~/domain/commitment/signature.ts";
import { commitmentVersions, currentCommitmentText, publishCommitmentText } from "~/services/commitment.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formatDateTime, formatNumber } from "~/utils/format.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useLocale, useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Bản cam kết bảo vệ bí mật nhà nước · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  requireScope(args, "units:write");
  const [current, versions] = await Promise.all([currentCommitmentText(), commitmentVersions()]);
  return {
    current: current
      ? { number: current.number, text: current.text, textSha256: current.textSha256, publishedAt: current.publishedAt.toISOString() }
      : null,
    versions: versions.map((v) => ({ ...v, publishedAt: v.publishedAt.toISOString() })),
  };
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "units:write");
  const t = serverT(args);
  const form = await args.request.formData();
  const text = String(form.get("text") ?? "");
  const result = await publishCommitmentText(text, user.personId, new Date());
  if (result.ok) return redirectWithFlash("/admin/commitment", "commitment.flash.published");
  const message = {
    EMPTY: t("commitment.admin.error.empty"),
    TOO_LONG: t("commitment.admin.error.tooLong", { max: TEXT_MAX_LENGTH }),
    UNCHANGED: t("commitment.admin.error.unchanged"),
  }[result.code];
  return data({ errors: { text: message }, text: text.slice(0, TEXT_MAX_LENGTH + 1000) }, { status: 400 });
}

export default function AdminCommitment({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const busy = useBusy("publish");
  const { current, versions } = loaderData;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/admin">{t("commitment.admin.back")}</Link>
      </p>
      <h1>{t("commitment.admin.title")}</h1>
      <p className="lead">{t("commitment.admin.intro")}</p>
      {current ? <CommitmentText {...current} /> : <p className="empty">{t("commitment.admin.empty")}</p>}
      <section className="card stack" aria-labelledby="publish-h">
        <h2 id="publish-h">
          {current ? t("commitment.admin.publishNew", { number: current.number + 1 }) : t("commitment.admin.publishFirst")}
        </h2>
        {current ? <p className="alert alert--info">{t("commitment.admin.staleWarning")}</p> : null}
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="publish" />
          <Field
            form="publish"
            name="text"
            label={t("commitment.admin.text")}
            hint={t("commitment.admin.textHint", { max: formatNumber(TEXT_MAX_LENGTH, locale) })}
            error={actionData?.errors.text}
          >
            {(c) => (
              <textarea {...c} className="commitment-editor" rows={16} defaultValue={actionData?.text ?? current?.text ?? ""} required />
            )}
          </Field>
          <p>
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("commitment.admin.publishing") : t("commitment.admin.publish")}
            </button>
          </p>
        </Form>
      </section>
      <section className="card stack" aria-labelledby="versions-h">
        <h2 id="versions-h">{t("commitment.admin.versions")}</h2>
        {versions.length === 0 ? (
          <p className="empty">{t("commitment.admin.noVersions")}</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="versions-h" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("commitment.admin.col.number")}</th>
                  <th scope="col">{t("commitment.admin.col.publishedAt")}</th>
                  <th scope="col">{t("commitment.admin.col.publishedBy")}</th>
                  <th scope="col">{t("commitment.admin.col.signatures")}</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.id}>
                    <td>{v.number}</td>
                    <td>{formatDateTime(v.publishedAt)}</td>
                    <td>{v.publishedBy ?? t("commitment.history.recordedBySystem")}</td>
                    <td>{formatNumber(v.signatures, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
