import { data, Form, Link } from "react-router";
import type { Route } from "./+types/people.$personId_.commitment";
import { CommitmentStatus } from "~/components/commitment/commitment-status.tsx";
import { SignatureList } from "~/components/commitment/signature-list.tsx";
import { Field, useBusy } from "~/components/people/form-field.tsx";
import { DateInput } from "~/components/date-field.tsx";
import { can } from "~/domain/access/permissions.ts";
import { SCAN_MAX_BYTES } from "~/domain/commitment/signature.ts";
import type { MessageKey } from "~/i18n/index.ts";
import {
  commitmentSubject,
  commitmentViewOf,
  recordPaperCommitment,
  signaturesOf,
  type PaperProblem,
} from "~/services/commitment.server.ts";
import { forbidden, requireFound, requireId, requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { dayOf } from "~/domain/time/calendar.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.person.fullName ?? "Nhân sự"} · Cam kết bảo vệ BMNN · Học viện KT1` },
];

const SCAN_MAX_MB = SCAN_MAX_BYTES / (1024 * 1024);

async function subjectOf(args: Route.LoaderArgs | Route.ActionArgs) {
  const { user } = requireScope(args, "people:read");
  const person = requireFound(await commitmentSubject(requireId(args.params.personId)), (p) => can(user.grants, "people:read", p.unitPath));
  return { user, person, canRecord: can(user.grants, "people:write", person.unitPath) };
}

export async function loader(args: Route.LoaderArgs) {
  const { person, canRecord } = await subjectOf(args);
  const [view, signatures] = await Promise.all([commitmentViewOf(person.id), signaturesOf(person.id)]);
  return {
    person: { id: person.id, fullName: person.fullName, employeeCode: person.employeeCode },
    view,
    signatures,
    canRecord,
    today: dayOf(new Date()),
  };
}

const FIELD_OF: Record<PaperProblem, "signedOn" | "scan" | "_form"> = {
  BAD_DATE: "signedOn",
  FUTURE_DATE: "signedOn",
  BEFORE_TEXT: "signedOn",
  NO_SCAN: "scan",
  SCAN_TOO_LARGE: "scan",
  SCAN_TYPE: "scan",
  NO_TEXT: "_form",
  ALREADY_SIGNED: "_form",
};

export async function action(args: Route.ActionArgs) {
  const { user, person, canRecord } = await subjectOf(args);
  if (!canRecord) forbidden();
  const t = serverT(args);
  const form = await args.request.formData();
  const signedOn = String(form.get("signedOn") ?? "");
  const file = form.get("scan");
  const fail = (problem: PaperProblem) =>
    data(
      { errors: { [FIELD_OF[problem]]: t(`commitment.paper.error.${problem}` as MessageKey, { mb: SCAN_MAX_MB }) }, signedOn },
      { status: 400 },
    );
  if (!(file instanceof File) || file.name === "" || file.size === 0) return fail("NO_SCAN");
  if (file.size > SCAN_MAX_BYTES) return fail("SCAN_TOO_LARGE");
  const result = await recordPaperCommitment(
    { personId: person.id, signedOn, source: { scan: { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } } },
    user.personId,
    new Date(),
  );
  if (result.ok) return redirectWithFlash(`/people/${person.id}/commitment`, "commitment.flash.paperRecorded");
  return fail(result.code);
}

export default function PersonCommitment({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useBusy("paper");
  const { person, view } = loaderData;
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <div className="stack">
      <p className="no-print">
        <Link to={`/people/${person.id}`}>{t("commitment.person.back", { name: person.fullName })}</Link>
      </p>
      <h1>{t("commitment.person.title", { name: person.fullName })}</h1>
      <p>
        <CommitmentStatus view={view} />
      </p>
      {view.status === "NO_TEXT" ? <p className="empty">{t("commitment.person.noText")}</p> : null}
      {loaderData.canRecord && (view.status === "UNSIGNED" || view.status === "STALE") ? (
        <section className="card stack" aria-labelledby="paper-h">
          <h2 id="paper-h">{t("commitment.paper.title", { number: view.number ?? "" })}</h2>
          <p className="muted">{t("commitment.paper.intro")}</p>
          {errors._form ? (
            <p role="alert" className="alert alert--error">
              {errors._form}
            </p>
          ) : null}
          <Form method="post" encType="multipart/form-data" className="stack" noValidate>
            <input type="hidden" name="intent" value="paper" />
            <Field form="paper" name="signedOn" label={t("commitment.paper.signedOn")} error={errors.signedOn}>
              {(c) => <DateInput {...c} defaultValue={actionData?.signedOn ?? ""} required />}
            </Field>
            <Field
              form="paper"
              name="scan"
              label={t("commitment.paper.scan")}
              hint={t("commitment.paper.scanHint", { mb: SCAN_MAX_MB })}
              error={errors.scan}
            >
              {(c) => <input {...c} type="file" accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png" required />}
            </Field>
            <p>
              <button type="submit" className="button" disabled={busy}>
                {busy ? t("commitment.paper.submitting") : t("commitment.paper.submit")}
              </button>
            </p>
          </Form>
        </section>
      ) : null}
      <section className="card stack" aria-labelledby="history-h">
        <h2 id="history-h">{t("commitment.history")}</h2>
        <SignatureList
          signatures={loaderData.signatures}
          currentNumber={view.number}
          scanHref={(id) => `/people/${person.id}/commitment/scan/${id}`}
          empty={t("commitment.history.empty")}
        />
      </section>
    </div>
  );
}
