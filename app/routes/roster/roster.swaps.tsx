// Swap requests waiting for a manager (decision 065): those a colleague has
// accepted, at stations in the manager's scope. Approving books the colleague
// under the KT1 rule (a refusal shows every reason and is in the refusal log).
import { data, Link, useNavigation } from "react-router";
import type { Route } from "./+types/roster.swaps";
import { AdvisedReasonList } from "~/components/roster/roster-bits.tsx";
import { SwapLine } from "~/components/roster/my-duties-parts.tsx";
import type { ReasonAdvice } from "~/domain/roster/advice.ts";
import type { MessageKey } from "~/i18n/index.ts";
import { decideSwap } from "~/services/roster/swaps.server.ts";
import { getSwapFacts, swapsInScope } from "~/services/roster/swaps-read.server.ts";
import { refusalAdvice } from "~/services/roster/refusal-advice.server.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { parseId } from "~/utils/ids.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Đề nghị đổi ca · Lịch trực KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const { scope } = requireScope(args, "roster:assign");
  return swapsInScope(scope);
}

type ActionData = { error: MessageKey; name?: string; reasons?: ReasonAdvice[] };

export async function action(args: Route.ActionArgs) {
  const { user } = requireScope(args, "roster:assign");
  const form = await args.request.formData();
  const swapId = parseId(form.get("swapId"));
  const intent = String(form.get("intent") ?? "");
  if (swapId === null || (intent !== "approve" && intent !== "reject")) throw new Response("Bad Request", { status: 400 });
  const result = await decideSwap(swapId, { personId: user.personId, grants: user.grants }, intent === "approve", new Date());
  if (result.ok) return redirectWithFlash("/roster/swaps", intent === "approve" ? "duties.swap.done.approve" : "duties.swap.done.reject");
  if (result.code === "NOT_FOUND") throw new Response("Not Found", { status: 404 });
  if (result.code === "NOT_ELIGIBLE") {
    const facts = await getSwapFacts(swapId);
    const reasons = facts ? await refusalAdvice(facts.toPersonId, facts.dutyType, result.reasons ?? []) : [];
    return data<ActionData>({ error: "duties.swap.error.NOT_ELIGIBLE", name: facts?.toName ?? "", reasons }, { status: 422 });
  }
  return data<ActionData>({ error: `duties.swap.error.${result.code}` as MessageKey }, { status: 409 });
}

export default function Swaps({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const { waiting, recent } = loaderData;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/roster">{t("roster.back")}</Link>
      </p>
      <h1>{t("duties.swaps.title")}</h1>
      <p className="lead">{t("duties.swaps.intro")}</p>
      {actionData ? (
        <div role="alert" className="alert alert--error">
          <p>{t(actionData.error, { name: actionData.name ?? "" })}</p>
          {actionData.reasons?.length ? <AdvisedReasonList reasons={actionData.reasons} /> : null}
        </div>
      ) : null}
      <section className="stack" aria-labelledby="waiting-h">
        <h2 id="waiting-h">{t("duties.swaps.waiting")}</h2>
        {waiting.length === 0 ? (
          <p className="empty">{t("duties.swap.none")}</p>
        ) : (
          <ul className="notification-list" aria-labelledby="waiting-h">
            {waiting.map((s) => (
              <SwapLine
                key={s.id}
                swap={s}
                busy={busy}
                actions={[
                  { intent: "approve", label: t("duties.swap.approve") },
                  { intent: "reject", label: t("duties.swap.reject") },
                ]}
              />
            ))}
          </ul>
        )}
      </section>
      <section className="stack" aria-labelledby="recent-h">
        <h2 id="recent-h">{t("duties.swaps.recent")}</h2>
        {recent.length === 0 ? (
          <p className="empty">{t("duties.swap.none")}</p>
        ) : (
          <ul className="notification-list" aria-labelledby="recent-h">
            {recent.map((s) => (
              <SwapLine key={s.id} swap={s} busy={busy} actions={[]} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
