import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/admin.tokens";
import { translate, type MessageKey } from "~/i18n/index.ts";
import type { tokens } from "~/i18n/tokens.ts";
import { Field, FormAlert, UnitOptions, useBusy } from "~/components/people/form-field.tsx";
import { can } from "~/domain/access/permissions.ts";
import type { Locale } from "~/i18n/index.ts";
import {
  API_SCOPES,
  ApiTokenError,
  apiTokenUnitPath,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from "~/services/api/tokens.server.ts";
import { findUnit, unitsInScope } from "~/services/units.server.ts";
import { forbidden, notFound, requireScope } from "~/utils/auth.server.ts";
import { localeContext } from "~/utils/context.server.ts";
import { parseId } from "~/utils/ids.ts";
import { formatDateTime } from "~/utils/format.ts";
import { useLocale } from "~/utils/use-t.ts";

// /admin/tokens — API tokens for the units an administrator manages: list,
// create (the token is shown once, in the answer to the create request), revoke.

type TextKey = keyof typeof tokens.vi extends `tokens.${infer K}` ? K : never;

function tr(locale: Locale, key: TextKey, params: Record<string, string> = {}) {
  return translate(locale, `tokens.${key}` as MessageKey, params);
}

// The create answer carries the token: neither it nor the list may be cached.
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: Route.MetaFunction = () => [{ title: "Mã truy cập API · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { scope } = requireScope(args, "units:write");
  const [tokens, units] = await Promise.all([listApiTokens(scope), unitsInScope(scope)]);
  return { tokens, scopes: [...API_SCOPES], units: units.map((u) => ({ id: u.id, code: u.code, name: u.name, depth: u.depth })) };
}

type Errors = Partial<Record<"name" | "unitId" | "scope" | "_form", string>>;

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "units:write");
  const locale = args.context.get(localeContext);
  const now = new Date();
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");

  if (intent === "create") {
    const name = String(form.get("name") ?? "").trim();
    const unitId = parseId(form.get("unitId"));
    const scopes = form.getAll("scope").map(String);
    const values = { name, unitId: String(form.get("unitId") ?? ""), scopes };
    const errors: Errors = {};
    if (name.length < 1 || name.length > 100) errors.name = tr(locale, "error.name");
    const unit = unitId === null ? null : await findUnit(unitId);
    if (!unit || !can(user.grants, "units:write", unit.path)) errors.unitId = tr(locale, "error.unit");
    if (scopes.length === 0 || scopes.some((s) => !(API_SCOPES as readonly string[]).includes(s))) errors.scope = tr(locale, "error.scope");
    if (Object.keys(errors).length || !unit) return data({ intent, errors, values, created: null, revoked: null }, { status: 400 });
    try {
      const created = await createApiToken({ name, unitCode: unit.code, scopes }, user.personId, now);
      // The token travels once, in this answer (not cached: see `headers`).
      return data({ intent, errors: {} as Errors, values: null, created, revoked: null });
    } catch (error) {
      if (error instanceof ApiTokenError)
        return data({ intent, errors: { _form: error.message } as Errors, values, created: null, revoked: null }, { status: 400 });
      throw error;
    }
  }

  if (intent === "revoke") {
    const id = parseId(form.get("tokenId")) ?? notFound();
    const path = (await apiTokenUnitPath(id)) ?? notFound();
    if (!can(user.grants, "units:write", path)) forbidden();
    const revoked = await revokeApiToken(id, user.personId, now);
    return data({ intent, errors: {} as Errors, values: null, created: null, revoked: { id, name: revoked.name } });
  }

  return data({ intent, errors: { _form: "?" } as Errors, values: null, created: null, revoked: null }, { status: 400 });
}

function RevokeForm({ id, label, text, busyText }: { id: number; label: string; text: string; busyText: string }) {
  const navigation = useNavigation();
  const busy =
    navigation.state !== "idle" && navigation.formData?.get("intent") === "revoke" && navigation.formData?.get("tokenId") === String(id);
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="revoke" />
      <input type="hidden" name="tokenId" value={id} />
      <button type="submit" className="button button--danger" disabled={busy} aria-label={label}>
        {busy ? busyText : text}
      </button>
    </Form>
  );
}

export default function AdminTokens({ loaderData, actionData }: Route.ComponentProps) {
  const locale = useLocale();
  const t = (key: TextKey, params?: Record<string, string>) => tr(locale, key, params);
  const busy = useBusy("create");
  const errors = actionData?.intent === "create" ? actionData.errors : undefined;
  const values = actionData?.intent === "create" ? actionData.values : null;
  const created = actionData?.created ?? null;
  const revoked = actionData?.revoked ?? null;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/admin">{t("back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <p>
        <a href="/api/v1/openapi.json">{t("docs")}</a>
      </p>
      {created ? (
        <div role="status" className="alert alert--ok stack">
          <p>
            <strong>{t("createdTitle", { name: created.name })}</strong> ({created.unitCode}; {created.scopes.join(", ")})
          </p>
          <p>{t("createdNote")}</p>
          <p>
            <code className="token-once">{created.token}</code>
          </p>
        </div>
      ) : null}
      {revoked ? (
        <p role="status" className="alert alert--ok">
          {t("revoked", { name: revoked.name })}
        </p>
      ) : null}
      <section className="card stack" aria-labelledby="tokens-h">
        <h2 id="tokens-h">{t("list")}</h2>
        {loaderData.tokens.length === 0 ? (
          <p className="empty">{t("empty")}</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="tokens-h" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("name")}</th>
                  <th scope="col">{t("unit")}</th>
                  <th scope="col">{t("scopes")}</th>
                  <th scope="col">{t("created")}</th>
                  <th scope="col">{t("lastUsed")}</th>
                  <th scope="col">{t("status")}</th>
                  <th scope="col">
                    <span className="muted">{t("revoke")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {loaderData.tokens.map((tok) => (
                  <tr key={tok.id}>
                    <td>{tok.name}</td>
                    <td>
                      {tok.unitName} (<code>{tok.unitCode}</code>)
                    </td>
                    <td>
                      {tok.scopes.map((s) => (
                        <code key={s}>{s} </code>
                      ))}
                    </td>
                    <td>{formatDateTime(tok.createdAt)}</td>
                    <td>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt) : <span className="muted">{t("never")}</span>}</td>
                    <td>
                      {tok.revokedAt ? (
                        <span className="badge badge--muted">{t("revokedAt", { at: formatDateTime(tok.revokedAt) })}</span>
                      ) : (
                        <span className="badge badge--ok">{t("active")}</span>
                      )}
                    </td>
                    <td>
                      {tok.revokedAt ? null : (
                        <RevokeForm id={tok.id} label={t("revokeLabel", { name: tok.name })} text={t("revoke")} busyText={t("revoking")} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card stack" aria-labelledby="new-token-h">
        <h2 id="new-token-h">{t("newTitle")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="create" />
          <FormAlert errors={errors} message={t("formErrors")} />
          <div className="row">
            <Field form="new-token" name="name" label={t("name")} error={errors?.name} hint={t("nameHint")}>
              {(c) => <input {...c} defaultValue={values?.name ?? ""} required maxLength={100} />}
            </Field>
            <Field form="new-token" name="unitId" label={t("unit")} error={errors?.unitId}>
              {(c) => (
                <select {...c} defaultValue={values?.unitId ?? ""} required>
                  <option value="">{t("chooseUnit")}</option>
                  <UnitOptions units={loaderData.units} />
                </select>
              )}
            </Field>
          </div>
          <fieldset aria-describedby={errors?.scope ? "new-token-scope-error" : undefined}>
            <legend>{t("scopes")}</legend>
            {loaderData.scopes.map((s) => (
              <div key={s}>
                <label>
                  <input type="checkbox" name="scope" value={s} defaultChecked={values ? values.scopes.includes(s) : s === "roster:read"} />{" "}
                  <code>{s}</code> — {t(`scope.${s}` as TextKey)}
                </label>
              </div>
            ))}
            {errors?.scope ? (
              <p id="new-token-scope-error" className="field-error">
                {errors.scope}
              </p>
            ) : null}
          </fieldset>
          <div>
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("creating") : t("create")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
