// Form pieces of the roster admin page.
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
