import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/trainer.courses.$courseId.new";
import { Field, FormAlert, useBusy } from "~/components/people/form-field.tsx";
import type { MessageKey } from "~/i18n/index.ts";
import { SLUG_PATTERN } from "~/domain/content/authoring.ts";
import { courseForNewLesson, createLesson } from "~/services/content/authoring.server.ts";
import { requireFound, requireId, requireScope } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/forms.ts";
import { serverT } from "~/utils/i18n.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.pageTitle ?? "Học viện KT1" }];

const schema = z.object({
  title: z.string().trim().min(3, "trainer.new.error.title").max(160, "trainer.new.error.title"),
  slug: z.string().trim().min(3, "trainer.new.error.slug").max(80, "trainer.new.error.slug").regex(SLUG_PATTERN, "trainer.new.error.slug"),
});

/** After the guard: the course the URL names, else 404. */
async function findCourse(raw: string | undefined) {
  return requireFound(await courseForNewLesson(requireId(raw)), () => true);
}

export async function loader(args: Route.LoaderArgs) {
  requireScope(args, "content:write");
  const t = serverT(args);
  const course = await findCourse(args.params.courseId);
  return {
    pageTitle: `${t("trainer.new.title")} · ${t("app.name")}`,
    course: { id: course.id, title: course.title },
    nextPosition: course.nextPosition,
  };
}

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "content:write");
  const t = serverT(args);
  const course = await findCourse(args.params.courseId);
  const form = await args.request.formData();
  const values = { title: String(form.get("title") ?? ""), slug: String(form.get("slug") ?? "") };
  const fail = (errors: Record<string, string>) =>
    data({ errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v as MessageKey)])), values }, { status: 400 });
  const parsed = parseForm(form, schema);
  if (!parsed.ok) return fail(parsed.errors);
  const { title, slug } = parsed.data;
  const created = await createLesson({ courseId: course.id, slug, title }, user.personId, new Date());
  if (!created.ok) return fail({ slug: "trainer.new.error.slugTaken" });
  return redirect(`/trainer/lessons/${created.value.id}`);
}

export default function NewLesson({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useBusy("create");
  const errors = actionData?.errors;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/trainer">{t("trainer.new.back")}</Link>
      </p>
      <h1>{t("trainer.new.title")}</h1>
      <p className="lead">
        {t("trainer.new.course", { course: loaderData.course.title })}. {t("trainer.new.position", { n: loaderData.nextPosition })}
      </p>
      <p>{t("trainer.new.intro")}</p>
      <Form method="post" className="card stack narrow-form" noValidate>
        <FormAlert errors={errors} message={t("form.errors")} />
        <Field form="new-lesson" name="title" label={t("trainer.new.lessonTitle")} error={errors?.title}>
          {(control) => <input {...control} type="text" required maxLength={160} defaultValue={actionData?.values.title} />}
        </Field>
        <Field form="new-lesson" name="slug" label={t("trainer.new.slug")} hint={t("trainer.new.slugHint")} error={errors?.slug}>
          {(control) => (
            <input
              {...control}
              type="text"
              required
              maxLength={80}
              pattern="[a-z0-9]+(-[a-z0-9]+)*"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              defaultValue={actionData?.values.slug}
            />
          )}
        </Field>
        <p>
          <button type="submit" name="intent" value="create" className="button" disabled={busy}>
            {busy ? t("trainer.new.submitting") : t("trainer.new.submit")}
          </button>
        </p>
      </Form>
    </div>
  );
}
