import { Form } from "react-router";
import { Field } from "~/components/people/form-field.tsx";
import { useT } from "~/utils/use-t.ts";

// The exam's configuration a trainer may change: pass mark, time limit and how
// many questions each topic draws. Saving makes a new exam version (decision 051).

export type ExamSettingsView = { passPercent: number; timeLimitMinutes: number; topics: Record<string, number> };

export function ExamSettingsForm(props: {
  revision: number;
  settings: ExamSettingsView;
  values?: Record<string, string>;
  errors?: Record<string, string>;
  busy: boolean;
}) {
  const t = useT();
  const value = (name: string, fallback: number) => props.values?.[name] ?? String(fallback);
  const topics = Object.keys(props.settings.topics);
  return (
    <section className="card stack" aria-labelledby="settings-h">
      <h2 id="settings-h">{t("gate.settings.title")}</h2>
      <p className="muted">{t("gate.settings.intro")}</p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="revision" value={props.revision} />
        <div className="row">
          <Field form="exam" name="passPercent" label={t("gate.settings.passPercent")} error={props.errors?.passPercent}>
            {(control) => (
              <input {...control} type="number" min={1} max={100} defaultValue={value("passPercent", props.settings.passPercent)} />
            )}
          </Field>
          <Field form="exam" name="timeLimitMinutes" label={t("gate.settings.timeLimit")} error={props.errors?.timeLimitMinutes}>
            {(control) => (
              <input
                {...control}
                type="number"
                min={1}
                max={600}
                defaultValue={value("timeLimitMinutes", props.settings.timeLimitMinutes)}
              />
            )}
          </Field>
        </div>
        <div className="row">
          {topics.map((topic, i) => (
            <Field
              key={topic}
              form="exam"
              name={`draw-${i}`}
              label={t("gate.settings.draw", { topic })}
              error={props.errors?.[`draw-${i}`]}
            >
              {(control) => (
                <>
                  <input type="hidden" name={`topic-${i}`} value={topic} />
                  <input {...control} type="number" min={1} max={10} defaultValue={value(`draw-${i}`, props.settings.topics[topic])} />
                </>
              )}
            </Field>
          ))}
        </div>
        <p>
          <button type="submit" name="intent" value="settings" className="button button--secondary" disabled={props.busy}>
            {t("gate.settings.submit")}
          </button>
        </p>
      </Form>
    </section>
  );
}
