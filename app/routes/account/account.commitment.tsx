import { data, Form, Link } from "react-router";
import type { Route } from "./+types/account.commitment";
import { CommitmentStatus } from "~/components/commitment/commitment-status.tsx";
import { CommitmentText } from "~/components/commitment/commitment-text.tsx";
import { SignatureList } from "~/components/commitment/signature-list.tsx";
import { Field, useBusy } from "~/components/people/form-field.tsx";
import { commitmentViewOf, currentCommitmentText, signaturesOf, signCommitment } from "~/services/commitment.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { requestInfoContext } from "~/utils/context.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { parseId } from "~/utils/ids.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Cam kết bảo vệ bí mật nhà nước · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const [current, view, signatures] = await Promise.all([
    currentCommitmentText(),
    commitmentViewOf(user.personId),
    signaturesOf(user.personId),
  ]);
  return {
    fullName: user.fullName,
    current: current
      ? {
          id: current.id,
          number: current.number,
          text: current.text,
          textSha256: current.textSha256,
          publishedAt: current.publishedAt.toISOString(),
        }
      : null,
    view,
    signatures,
  };
}

const MAX_NAME = 200;

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const t = serverT(args);
  const form = await args.request.formData();
  const typedName = String(form.get("typedName") ?? "").slice(0, MAX_NAME);
  const versionId = parseId(form.get("versionId"));
  const fail = (status: number, errors: Record<string, string>) => data({ errors, typedName }, { status });
  if (versionId === null) return fail(400, { _form: t("commitment.error.textChanged") });
  if (typedName.trim() === "") return fail(400, { typedName: t("commitment.error.nameRequired") });
  const { ip } = args.context.get(requestInfoContext);
  const result = await signCommitment({ personId: user.personId, versionId, typedName, ipAddress: ip }, new Date());
  if (result.ok) return redirectWithFlash("/account/commitment", "commitment.flash.signed");
  switch (result.code) {
    case "NAME_MISMATCH":
      return fail(400, { typedName: t("commitment.error.nameMismatch", { name: user.fullName }) });
    case "ALREADY_SIGNED":
      return redirectWithFlash("/account/commitment", "commitment.flash.alreadySigned");
    case "TEXT_CHANGED":
      return fail(409, { _form: t("commitment.error.textChanged") });
    case "NO_TEXT":
      return fail(409, { _form: t("commitment.empty") });
  }
}

export default function AccountCommitment({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useBusy("sign");
  const { current, view } = loaderData;
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/account">{t("commitment.backToAccount")}</Link>
      </p>
      <h1>{t("commitment.title")}</h1>
      <p className="lead">{t("commitment.intro")}</p>
      <p>
        <CommitmentStatus view={view} />
      </p>
      {current ? (
        <CommitmentText number={current.number} text={current.text} textSha256={current.textSha256} publishedAt={current.publishedAt} />
      ) : (
        <p className="empty">{t("commitment.empty")}</p>
      )}
      {current && view.status !== "SIGNED" ? (
        <section className="card stack" aria-labelledby="sign-h">
          <h2 id="sign-h">{t("commitment.sign.title")}</h2>
          {view.status === "STALE" ? <p className="alert alert--info">{t("commitment.sign.stale")}</p> : null}
          {errors._form ? (
            <p role="alert" className="alert alert--error">
              {errors._form}
            </p>
          ) : null}
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="sign" />
            <input type="hidden" name="versionId" value={current.id} />
            <Field
              form="sign"
              name="typedName"
              label={t("commitment.sign.name")}
              hint={t("commitment.sign.nameHint", { name: loaderData.fullName })}
              error={errors.typedName}
            >
              {(c) => (
                <input {...c} type="text" autoComplete="name" maxLength={MAX_NAME} defaultValue={actionData?.typedName ?? ""} required />
              )}
            </Field>
            <p className="muted">{t("commitment.sign.consequence")}</p>
            <p>
              <button type="submit" className="button" disabled={busy}>
                {busy ? t("commitment.sign.submitting") : t("commitment.sign.submit")}
              </button>
            </p>
          </Form>
        </section>
      ) : null}
      <section className="card stack" aria-labelledby="history-h">
        <h2 id="history-h">{t("commitment.history")}</h2>
        <SignatureList
          signatures={loaderData.signatures}
          currentNumber={current?.number ?? null}
          scanHref={null}
          empty={t("commitment.history.emptyOwn")}
        />
      </section>
    </div>
  );
}
