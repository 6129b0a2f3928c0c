// Pieces of "Lịch trực của tôi" (decision 065): a duty card (readable on a
// phone: one card per duty, no wide table), the certification that qualifies
// for it or a warning, the swap form, and swap request lines.
import { Form } from "react-router";
import { reasonKeyOf } from "~/domain/roster/duty-notice.ts";
import { dmy } from "~/domain/reminders/messages.ts";
import type { ReasonCode } from "~/domain/roster/eligibility.ts";
import { reasonKey } from "~/i18n/roster.ts";
import type { MyDuty } from "~/services/roster/my-duties.server.ts";
import type { SwapView } from "~/services/roster/swaps-read.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { useT } from "~/utils/use-t.ts";

export function DutyWhen({ startsAt, endsAt }: { startsAt: string; endsAt: string }) {
  return (
    <span className="nowrap">
      <time dateTime={startsAt}>{formatDateTime(startsAt)}</time> – <time dateTime={endsAt}>{formatDateTime(endsAt)}</time>
    </span>
  );
}

function Covers({ duty }: { duty: MyDuty }) {
  const t = useT();
  return (
    <>
      {duty.covers.map((c) =>
        c.covers && c.certification ? (
          <p key={c.certificationTypeId}>
            {t("duties.cert.valid", { type: c.typeName, serial: c.certification.serial, until: dmy(c.certification.validUntil) })}
          </p>
        ) : (
          <p key={c.certificationTypeId} role="alert" className="alert alert--error">
            {c.certification
              ? t("duties.cert.warn", { type: c.typeName, until: dmy(c.certification.validUntil) })
              : t("duties.cert.none", { type: c.typeName })}
          </p>
        ),
      )}
    </>
  );
}

export function DutyCard({ duty, canSwap, busy }: { duty: MyDuty; canSwap: boolean; busy: boolean }) {
  const t = useT();
  const when = formatDateTime(duty.startsAt);
  const cancelKey = duty.cancelReason ? reasonKeyOf(duty.cancelReason) : null;
  const colleagueId = `swap-${duty.assignmentId}`;
  return (
    <li className="card stack notification" aria-label={`${duty.duty} · ${when}`}>
      <div className="spread">
        <h3>{duty.duty}</h3>
        <span className={`badge ${duty.cancelled ? "badge--muted" : "badge--ok"}`}>
          {duty.cancelled ? t("duties.cancelled") : t("duties.active")}
        </span>
      </div>
      <p>
        <DutyWhen startsAt={duty.startsAt} endsAt={duty.endsAt} />
      </p>
      <p>
        {t("duties.station")}: {duty.station}
      </p>
      {duty.cancelled ? (
        duty.cancelReason ? (
          <p className="muted">{t("duties.cancelledWhy", { reason: cancelKey ? t(cancelKey) : duty.cancelReason })}</p>
        ) : null
      ) : (
        <Covers duty={duty} />
      )}
      {canSwap && !duty.cancelled ? (
        <Form method="post" className="row">
          <input type="hidden" name="intent" value="swapAsk" />
          <input type="hidden" name="assignmentId" value={duty.assignmentId} />
          <div className="field">
            <span>
              <label htmlFor={colleagueId}>{t("duties.swap.colleague")}</label>
            </span>
            <input id={colleagueId} name="colleague" required maxLength={40} autoComplete="off" />
          </div>
          <button
            type="submit"
            className="button button--secondary"
            disabled={busy}
            aria-label={t("duties.swap.askLabel", { duty: duty.duty, when })}
          >
            {t("duties.swap.ask")}
          </button>
        </Form>
      ) : null}
    </li>
  );
}

type SwapAction = { intent: string; label: string };

export function SwapLine({ swap, actions, busy }: { swap: SwapView; actions: SwapAction[]; busy: boolean }) {
  const t = useT();
  const { from, fromCode, to, toCode, duty, station } = swap;
  const line = t("duties.swap.line", { from, fromCode, to, toCode, duty, station, when: formatDateTime(swap.startsAt) });
  return (
    <li className="card stack notification" aria-label={line}>
      <p>{line}</p>
      <p>
        <span className="badge badge--muted">{t(`duties.swap.status.${swap.status}`)}</span>
      </p>
      {swap.reasons.length ? (
        <ul>
          {swap.reasons.map((r) => (
            <li key={r}>{t(reasonKey(r as ReasonCode))}</li>
          ))}
        </ul>
      ) : null}
      {actions.length ? (
        <div className="row">
          {actions.map((a) => (
            <Form method="post" key={a.intent}>
              <input type="hidden" name="intent" value={a.intent} />
              <input type="hidden" name="swapId" value={swap.id} />
              <button type="submit" className="button button--secondary" disabled={busy}>
                {a.label}
              </button>
            </Form>
          ))}
        </div>
      ) : null}
    </li>
  );
}
