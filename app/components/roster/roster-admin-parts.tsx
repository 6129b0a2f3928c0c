// Form pieces of the roster admin page.
import type { ReactNode } from "react";
import { Form } from "react-router";
import { useT } from "~/utils/use-t.ts";

export function Err({ errors, name, id }: { errors: Record<string, string>; name: string; id: string }) {
  return errors[name] ? (
    <p className="field-error" id={id}>
      {errors[name]}
    </p>
  ) : null;
}

export function DutyFields(props: {
  prefix: string;
  errors: Record<string, string>;
  name: string;
  months: string;
  commitment: boolean;
  certificationTypes: { id: number; code: string; name: string }[];
  isTicked: (id: number) => boolean;
}) {
  const t = useT();
  const { prefix, errors } = props;
  return (
    <>
      <div className="row roster-form-row">
        <label className="field">
          <span>{t("roster.admin.dutyName")}</span>
          <input
            name="name"
            required
            maxLength={200}
            defaultValue={props.name}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? `${prefix}-name-error` : undefined}
          />
          <Err errors={errors} name="name" id={`${prefix}-name-error`} />
        </label>
        <label className="field">
          <span>{t("roster.admin.dutyMonths")}</span>
          <input
            name="minExperienceMonths"
            type="number"
            min={0}
            max={600}
            step={1}
            inputMode="numeric"
            required
            defaultValue={props.months}
            aria-invalid={errors.minExperienceMonths ? true : undefined}
            aria-describedby={errors.minExperienceMonths ? `${prefix}-months-error` : undefined}
          />
          <Err errors={errors} name="minExperienceMonths" id={`${prefix}-months-error`} />
        </label>
      </div>
      <label className="roster-check">
        <input type="checkbox" name="requiresCommitment" defaultChecked={props.commitment} /> {t("roster.admin.dutyCommitment")}
      </label>
      <fieldset className="roster-fieldset">
        <legend>{t("roster.admin.dutyCerts")}</legend>
        {props.certificationTypes.length === 0 ? <p className="empty">{t("roster.admin.noCertTypes")}</p> : null}
        {props.certificationTypes.map((c) => (
          <label key={c.id} className="roster-check">
            <input type="checkbox" name="certificationTypeId" value={c.id} defaultChecked={props.isTicked(c.id)} /> {c.name}{" "}
            <span className="muted">({c.code})</span>
          </label>
        ))}
      </fieldset>
    </>
  );
}

/** A station in the administration list, with its rename form (the form's own errors and values after a refusal). */
export function StationRename({
  station: s,
  state: a,
  alert,
}: {
  station: { id: number; name: string; code: string; unitName: string; unitCode: string };
  state: { errors: Record<string, string>; values: Record<string, string> } | undefined;
  alert: ReactNode;
}) {
  const t = useT();
  const errId = `station-${s.id}-name-error`;
  return (
    <li className="roster-person">
      <div className="roster-person__who">
        <p>
          <strong>{s.name}</strong> <span className="muted">({s.code})</span>
        </p>
        <p className="muted">
          <small>{t("roster.admin.stationUnit", { unit: s.unitName, code: s.unitCode })}</small>
        </p>
      </div>
      <Form method="post" className="roster-inline-form">
        {alert}
        <input type="hidden" name="intent" value="renameStation" />
        <input type="hidden" name="stationId" value={s.id} />
        <label className="field">
          <span>{t("roster.admin.stationName")}</span>
          <input
            name="name"
            required
            maxLength={200}
            defaultValue={a?.values.name ?? s.name}
            aria-label={t("roster.admin.renameLabel", { code: s.code })}
            aria-invalid={a?.errors.name ? true : undefined}
            aria-describedby={a?.errors.name ? errId : undefined}
          />
          <Err errors={a?.errors ?? {}} name="name" id={errId} />
        </label>
        <button type="submit" className="button button--secondary">
          {t("roster.admin.rename")}
        </button>
      </Form>
    </li>
  );
}
