// "Lịch trực của tôi" (decision 065): every signed-in person's own duties, their
// calendar feed, and their swap requests. Only the person's own rows are read
// or changed; no role is needed beyond being signed in.
import { data, Form, useNavigation } from "react-router";
import type { Route } from "./+types/duties._index";
import { DutyCard, SwapLine } from "~/components/roster/my-duties-parts.tsx";
import type { MessageKey } from "~/i18n/index.ts";
import { feedIssuedAt, feedPath, issueFeed, revokeFeed } from "~/services/roster/duty-feed.server.ts";
import { myDuties } from "~/services/roster/my-duties.server.ts";
import { answerSwap, requestSwap, withdrawSwap } from "~/services/roster/swaps.server.ts";
import { swapsOfPerson } from "~/services/roster/swaps-read.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { redirectWithFlash } from "~/utils/flash.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { parseId } from "~/utils/ids.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Lịch trực của tôi · Học viện KT1" }];

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const now = new Date();
  const [{ upcoming, past }, feedSince, swaps] = await Promise.all([
    myDuties(user.personId, now),
    feedIssuedAt(user.personId),
    swapsOfPerson(user.personId),
  ]);
  return { personId: user.personId, upcoming, past, feedSince: feedSince?.toISOString() ?? null, swaps, now: now.toISOString() };
}

type ActionData = { feedUrl: string } | { error: MessageKey };

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const form = await args.request.formData();
  const now = new Date();
  const fail = (code: string, status = 409) => data<ActionData>({ error: `duties.swap.error.${code}` as MessageKey }, { status });
  const swapId = parseId(form.get("swapId"));
  switch (String(form.get("intent") ?? "")) {
    case "feedIssue": {
      const token = await issueFeed(user.personId, now);
      return data<ActionData>({ feedUrl: new URL(feedPath(token), args.request.url).toString() });
    }
    case "feedRevoke":
      await revokeFeed(user.personId, now);
      return redirectWithFlash("/duties", "duties.feed.revoked");
    case "swapAsk": {
      const assignmentId = parseId(form.get("assignmentId"));
      const colleague = String(form.get("colleague") ?? "").trim();
      if (assignmentId === null || colleague === "" || colleague.length > 40) return fail("NOT_FOUND", 400);
      const result = await requestSwap(user.personId, assignmentId, colleague, now);
      return result.ok ? redirectWithFlash("/duties", "duties.swap.asked") : fail(result.code, result.code === "NOT_FOUND" ? 404 : 409);
    }
    case "swapAccept":
    case "swapDecline":
    case "swapWithdraw": {
      if (swapId === null) return fail("NOT_FOUND", 400);
      const intent = String(form.get("intent"));
      const result =
        intent === "swapWithdraw"
          ? await withdrawSwap(swapId, user.personId, now)
          : await answerSwap(swapId, user.personId, intent === "swapAccept", now);
      if (!result.ok) return fail(result.code, result.code === "NOT_FOUND" ? 404 : 409);
      const done = { swapAccept: "accept", swapDecline: "decline", swapWithdraw: "withdraw" }[intent] as string;
      return redirectWithFlash("/duties", `duties.swap.done.${done}` as MessageKey);
    }
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

export default function MyDuties({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const { personId, upcoming, past, feedSince, swaps } = loaderData;
  const warnings = upcoming.filter((d) => !d.cancelled && d.covers.some((c) => !c.covers)).length;
  const feedUrl = actionData && "feedUrl" in actionData ? actionData.feedUrl : null;
  return (
    <div className="stack">
      <h1>{t("duties.title")}</h1>
      <p className="lead">{t("duties.intro")}</p>
      {actionData && "error" in actionData ? (
        <p role="alert" className="alert alert--error">
          {t(actionData.error)}
        </p>
      ) : null}
      {warnings > 0 ? (
        <p role="alert" className="alert alert--error">
          {t("duties.warnings", { count: warnings })}
        </p>
      ) : null}

      <section className="stack" aria-labelledby="upcoming-h">
        <h2 id="upcoming-h">{t("duties.upcoming")}</h2>
        {upcoming.length === 0 ? (
          <p className="empty">{t("duties.none")}</p>
        ) : (
          <ul className="notification-list" aria-labelledby="upcoming-h">
            {upcoming.map((d) => (
              <DutyCard key={d.assignmentId} duty={d} canSwap={new Date(d.startsAt) > new Date(loaderData.now)} busy={busy} />
            ))}
          </ul>
        )}
      </section>

      <section className="stack" aria-labelledby="swaps-h">
        <h2 id="swaps-h">{t("duties.swap.mine")}</h2>
        <p className="muted">{t("duties.swap.intro")}</p>
        {swaps.length === 0 ? (
          <p className="empty">{t("duties.swap.none")}</p>
        ) : (
          <ul className="notification-list" aria-labelledby="swaps-h">
            {swaps.map((s) => {
              const actions =
                s.toPersonId === personId && s.status === "REQUESTED"
                  ? [
                      { intent: "swapAccept", label: t("duties.swap.accept") },
                      { intent: "swapDecline", label: t("duties.swap.decline") },
                    ]
                  : s.fromPersonId === personId && (s.status === "REQUESTED" || s.status === "ACCEPTED")
                    ? [{ intent: "swapWithdraw", label: t("duties.swap.withdraw") }]
                    : [];
              return <SwapLine key={s.id} swap={s} actions={actions} busy={busy} />;
            })}
          </ul>
        )}
      </section>

      <section className="card stack" aria-labelledby="feed-h">
        <h2 id="feed-h">{t("duties.feed.title")}</h2>
        <p>{t("duties.feed.intro")}</p>
        {feedUrl ? (
          <div className="field">
            <span>
              <label htmlFor="feed-url">{t("duties.feed.url")}</label>
            </span>
            <input id="feed-url" readOnly value={feedUrl} />
          </div>
        ) : feedSince ? (
          <p>{t("duties.feed.active", { at: formatDateTime(feedSince) })}</p>
        ) : (
          <p className="muted">{t("duties.feed.none")}</p>
        )}
        <div className="row">
          <Form method="post">
            <input type="hidden" name="intent" value="feedIssue" />
            <button type="submit" className="button" disabled={busy}>
              {feedSince || feedUrl ? t("duties.feed.reissue") : t("duties.feed.issue")}
            </button>
          </Form>
          {feedSince || feedUrl ? (
            <Form method="post">
              <input type="hidden" name="intent" value="feedRevoke" />
              <button type="submit" className="button button--danger" disabled={busy}>
                {t("duties.feed.revoke")}
              </button>
            </Form>
          ) : null}
        </div>
      </section>

      <section className="stack" aria-labelledby="past-h">
        <h2 id="past-h">{t("duties.past")}</h2>
        {past.length === 0 ? (
          <p className="empty">{t("duties.nonePast")}</p>
        ) : (
          <ul className="notification-list" aria-labelledby="past-h">
            {past.map((d) => (
              <DutyCard key={d.assignmentId} duty={d} canSwap={false} busy={busy} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
