import { data, Form, Link, useLocation, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/admin.legal";
import { Field } from "~/components/people/form-field.tsx";
import { DateInput } from "~/components/date-field.tsx";
import { normalizeTypedDay, TYPED_DAY_ERROR } from "~/domain/time/typed-day.ts";
import { LEGAL_STATUSES, LegalStatusBadge, legalStatusText } from "~/components/trainer/legal-status.tsx";
import { ProvisionStatusList } from "~/components/trainer/provision-status-list.tsx";
import { fromDateColumn, isDay } from "~/domain/time/calendar.ts";
import type { MessageKey } from "~/i18n/index.ts";
import { setLegalStatus } from "~/services/content/authoring.server.ts";
import { legalDocumentCode, legalDocumentsForAdmin, setProvisionStatus } from "~/services/legal-documents.server.ts";
import { notFound, requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formatDateTime, formatDay } from "~/utils/format.ts";
import { parseForm } from "~/utils/forms.ts";
import { idSchema } from "~/utils/ids.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Văn bản pháp luật · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  requireScope(args, "units:write");
  return { documents: await legalDocumentsForAdmin() };
}

const schema = z
  .object({
    documentId: idSchema,
    status: z.enum(["IN_FORCE", "SUPERSEDED", "UNVERIFIED"], { message: "adminLegal.error.status" }),
    supersededBy: z.string().trim().max(60, "adminLegal.error.supersededBy").optional().default(""),
    supersededFrom: z.preprocess(normalizeTypedDay, z.string().trim().optional().default("")),
  })
  .superRefine((v, ctx) => {
    if (v.status !== "SUPERSEDED") return;
    if (!v.supersededBy) ctx.addIssue({ code: "custom", path: ["supersededBy"], message: "adminLegal.error.supersededBy" });
    if (!isDay(v.supersededFrom)) {
      const message = v.supersededFrom ? TYPED_DAY_ERROR : "adminLegal.error.supersededFrom";
      ctx.addIssue({ code: "custom", path: ["supersededFrom"], message });
    }
  });

const provisionSchema = z
  .object({
    provisionId: idSchema,
    status: z.enum(["INHERIT", "IN_FORCE", "SUPERSEDED", "UNVERIFIED"], { message: "adminLegal.error.status" }),
    supersededBy: z.string().trim().max(120, "provision.error.supersededBy").optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.status === "SUPERSEDED" && !v.supersededBy)
      ctx.addIssue({ code: "custom", path: ["supersededBy"], message: "provision.error.supersededBy" });
  });

/** A provision's own status (decision 052): audited; lessons and questions citing it go on the review list. */
async function provisionAction(form: FormData, values: Record<string, string>, personId: number, t: ReturnType<typeof serverT>) {
  const parsed = parseForm(form, provisionSchema);
  if (!parsed.ok) {
    const errors = Object.fromEntries(
      Object.entries(parsed.errors).map(([k, v]) => [k, v.includes(".") ? t(v as MessageKey) : t("form.errors")]),
    );
    const none: Record<string, string> = {};
    return data(
      { documentId: "", provision: { provisionId: values.provisionId ?? "", errors, values }, errors: none, values: none },
      { status: 400 },
    );
  }
  const input = parsed.data;
  const result = await setProvisionStatus(
    input.provisionId,
    input.status === "SUPERSEDED" ? { status: "SUPERSEDED", supersededBy: input.supersededBy } : { status: input.status },
    personId,
    new Date(),
  );
  if (!result.ok) notFound();
  const { code, provision, changed } = result.value;
  return redirectWithFlash("/admin/legal", changed ? "provision.saved" : "provision.unchanged", { code, provision });
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "units:write");
  const t = serverT(args);
  const form = await args.request.formData();
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string") values[key] = value;
  if (values.intent === "provision") return provisionAction(form, values, user.personId, t);
  const parsed = parseForm(form, schema);
  if (!parsed.ok) {
    const errors = Object.fromEntries(
      Object.entries(parsed.errors).map(([k, v]) => [k, v.includes(".") ? t(v as MessageKey) : t("form.errors")]),
    );
    return data({ documentId: values.documentId ?? "", provision: undefined, errors, values }, { status: 400 });
  }
  const input = parsed.data;
  const result = await setLegalStatus(
    input.documentId,
    input.status === "SUPERSEDED"
      ? { status: "SUPERSEDED", supersededBy: input.supersededBy, supersededFrom: input.supersededFrom }
      : { status: input.status },
    user.personId,
    new Date(),
  );
  if (!result.ok) notFound();
  const code = await legalDocumentCode(input.documentId);
  return redirectWithFlash("/admin/legal", result.value.changed ? "adminLegal.saved" : "adminLegal.unchanged", { code });
}

export default function AdminLegal({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const location = useLocation();
  const navigation = useNavigation();
  const { documents } = loaderData;
  const pendingId = navigation.state !== "idle" && navigation.formMethod === "POST" ? navigation.formData?.get("documentId") : null;
  const pendingProvision = navigation.state !== "idle" && navigation.formMethod === "POST" ? navigation.formData?.get("provisionId") : null;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/admin">{t("adminLegal.back")}</Link>
      </p>
      <h1>{t("adminLegal.title")}</h1>
      <p className="lead">{t("adminLegal.intro")}</p>
      {documents.length === 0 ? <p className="empty">{t("adminLegal.empty")}</p> : null}
      <ul className="legal-admin" key={location.key}>
        {documents.map((d) => {
          const mine = actionData && actionData.documentId === String(d.id) ? actionData : undefined;
          const value = (name: string, fallback: string) => mine?.values[name] ?? fallback;
          const formId = `legal-${d.id}`;
          return (
            <li key={d.id}>
              <section className="card stack" aria-labelledby={`${formId}-h`}>
                <div className="spread">
                  <h2 id={`${formId}-h`} className="legal-admin__code">
                    {d.code}
                  </h2>
                  <LegalStatusBadge status={d.status} label={legalStatusText(t, d)} />
                </div>
                <p className="legal-admin__title">
                  {d.kind} · {d.title}
                </p>
                <dl className="facts">
                  <dt>{t("adminLegal.status")}</dt>
                  <dd>{legalStatusText(t, d)}</dd>
                  {d.effectiveFrom ? (
                    <>
                      <dt>{t("adminLegal.effectiveFrom")}</dt>
                      <dd>{formatDay(d.effectiveFrom)}</dd>
                    </>
                  ) : null}
                  <dt>{t("adminLegal.citedBy")}</dt>
                  <dd data-testid="cited-by">{t("adminLegal.citedCount", { count: d.lessons })}</dd>
                  <dt>{t("provision.citedByQuestions")}</dt>
                  <dd data-testid="cited-by-questions">{t("provision.questions", { count: d.questions })}</dd>
                  <dt>{t("adminLegal.changedAt")}</dt>
                  <dd>{formatDateTime(d.statusChangedAt)}</dd>
                </dl>
                <details open={mine ? true : undefined}>
                  <summary>{t("adminLegal.change")}</summary>
                  <Form method="post" className="stack legal-admin__form" noValidate>
                    <input type="hidden" name="documentId" value={d.id} />
                    {mine?.errors._form ? (
                      <p role="alert" className="alert alert--error">
                        {mine.errors._form}
                      </p>
                    ) : null}
                    <div className="row">
                      <Field form={formId} name="status" label={t("adminLegal.newStatus")} error={mine?.errors.status}>
                        {(control) => (
                          <select {...control} defaultValue={value("status", d.status)}>
                            {LEGAL_STATUSES.map((s) => (
                              <option key={s} value={s}>
                                {t(`trainer.option.${s}`)}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                      <Field
                        form={formId}
                        name="supersededBy"
                        label={t("adminLegal.supersededBy")}
                        hint={t("adminLegal.supersededHint")}
                        error={mine?.errors.supersededBy}
                      >
                        {(control) => (
                          <input {...control} type="text" maxLength={60} defaultValue={value("supersededBy", d.supersededBy ?? "")} />
                        )}
                      </Field>
                      <Field form={formId} name="supersededFrom" label={t("adminLegal.supersededFrom")} error={mine?.errors.supersededFrom}>
                        {(control) => (
                          <DateInput {...control} defaultValue={value("supersededFrom", fromDateColumn(d.supersededFrom) ?? "")} />
                        )}
                      </Field>
                    </div>
                    <p>
                      <button type="submit" className="button" disabled={pendingId === String(d.id)}>
                        {pendingId === String(d.id) ? t("adminLegal.submitting") : t("adminLegal.submit")}
                      </button>
                    </p>
                  </Form>
                </details>
                <ProvisionStatusList
                  code={d.code}
                  documentStatus={d}
                  provisions={d.provisions}
                  state={actionData?.provision}
                  busyId={typeof pendingProvision === "string" ? pendingProvision : null}
                />
              </section>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
