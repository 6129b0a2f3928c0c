import { Form } from "react-router";
import { Field } from "~/components/people/form-field.tsx";
import { useT } from "~/utils/use-t.ts";
import { LEGAL_STATUSES, LegalStatusBadge, legalStatusText, type LegalStatus } from "./legal-status.tsx";

// The provisions of one document on /admin/legal, each with its own status or
// its document's, and a small form to set it (decision 052).

export type ProvisionRow = {
  id: number;
  article: string;
  clause: string;
  point: string;
  title: string;
  status: LegalStatus | null;
  supersededBy: string | null;
};
export type ProvisionFormState = { provisionId: string; errors: Record<string, string>; values: Record<string, string> };

export const provisionLabel = (p: { article: string; clause: string; point: string }) =>
  [p.article, p.clause, p.point].filter(Boolean).join(" | ");

export function ProvisionStatusList(props: {
  code: string;
  documentStatus: { status: LegalStatus; supersededBy: string | null; supersededFrom: Date | string | null };
  provisions: ProvisionRow[];
  state?: ProvisionFormState;
  busyId: string | null;
}) {
  const t = useT();
  if (props.provisions.length === 0) return null;
  return (
    <details open={props.state ? true : undefined}>
      <summary>{t("provision.title")}</summary>
      <ul className="stack provision-admin">
        {props.provisions.map((p) => {
          const mine = props.state?.provisionId === String(p.id) ? props.state : undefined;
          const label = `${props.code} | ${provisionLabel(p)}`;
          const formId = `provision-${p.id}`;
          const own = p.status ? { status: p.status, supersededBy: p.supersededBy, supersededFrom: null } : null;
          return (
            <li key={p.id} className="stack" data-provision={label}>
              <p>
                <strong>{label}</strong> · {p.title}{" "}
                {own ? (
                  <LegalStatusBadge status={own.status} label={t("provision.own", { status: legalStatusText(t, own) })} />
                ) : (
                  <span className="muted">{t("provision.followsDocument", { status: legalStatusText(t, props.documentStatus) })}</span>
                )}
              </p>
              <Form method="post" className="row" noValidate>
                <input type="hidden" name="intent" value="provision" />
                <input type="hidden" name="provisionId" value={p.id} />
                <Field form={formId} name="status" label={t("provision.newStatus", { provision: label })}>
                  {(control) => (
                    <select {...control} defaultValue={mine?.values.status ?? p.status ?? "INHERIT"}>
                      <option value="INHERIT">{t("provision.inherit")}</option>
                      {LEGAL_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(`trainer.option.${s}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field form={formId} name="supersededBy" label={t("provision.supersededBy")} error={mine?.errors.supersededBy}>
                  {(control) => (
                    <input {...control} type="text" maxLength={120} defaultValue={mine?.values.supersededBy ?? p.supersededBy ?? ""} />
                  )}
                </Field>
                <p>
                  <button type="submit" className="button button--secondary" disabled={props.busyId === String(p.id)}>
                    {t("provision.submit")}
                  </button>
                </p>
              </Form>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
