import { Form } from "react-router";
import { useT } from "~/utils/use-t.ts";
import { useBusy } from "./form-field.tsx";

/**
 * "Gửi nhắc gia hạn" under a certification in force, for a manager or admin
 * of the person's unit. `remindKey` is a one-time key from the loader: a double
 * submit of the same form sends one reminder.
 */
export function RemindForm(props: { certificationId: number; serial: string; remindKey: string; error?: string }) {
  const t = useT();
  const busy = useBusy("remind");
  return (
    <Form method="post" className="remind-form no-print">
      <input type="hidden" name="intent" value="remind" />
      <input type="hidden" name="certificationId" value={props.certificationId} />
      <input type="hidden" name="remindKey" value={props.remindKey} />
      {props.error ? (
        <p role="alert" className="alert alert--error">
          {props.error}
        </p>
      ) : null}
      <button
        type="submit"
        className="button button--secondary"
        disabled={busy}
        aria-label={t("remind.submitLabel", { serial: props.serial })}
      >
        {busy ? t("remind.submitting") : t("remind.submit")}
      </button>
    </Form>
  );
}
