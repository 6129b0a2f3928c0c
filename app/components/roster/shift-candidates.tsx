// The candidates on a shift page: a card per person with the assign button, and
// the refusal (why, and what to do next) next to the button that was pressed.
import { Form, Link } from "react-router";
import type { ReasonAdvice } from "~/domain/roster/advice.ts";
import type { Candidate } from "~/services/roster/candidates.server.ts";
import { useT } from "~/utils/use-t.ts";
import { AdvisedReasonList, ReasonList } from "./roster-bits.tsx";

export type RefusedCandidate = { personId: number; name: string; code: string; reasons: ReasonAdvice[] };
type CardProps = { shiftId: number; canAssign: boolean; busy: boolean; all: boolean; refused: RefusedCandidate | null };

/** Why the person was just refused and what to do: next to the button that was pressed. */
export function Refusal({ refused }: { refused: RefusedCandidate }) {
  const t = useT();
  return (
    <div role="alert" className="alert alert--error roster-refusal">
      <p>
        <strong>{t("roster.refused.title", { name: refused.name, code: refused.code })}</strong>
      </p>
      <p>{t("roster.refused.reasons", { count: refused.reasons.length })}</p>
      <AdvisedReasonList reasons={refused.reasons} />
      <p>
        <Link to={`/people/${refused.personId}`}>{t("roster.refused.next", { name: refused.name })}</Link>
      </p>
      <p>{t("roster.refused.logged")}</p>
    </div>
  );
}

function PersonCard({
  person,
  shiftId,
  canAssign,
  busy,
  all,
  refused,
}: {
  person: Candidate;
  shiftId: number;
  canAssign: boolean;
  busy: boolean;
  all: boolean;
  refused: RefusedCandidate | null;
}) {
  const t = useT();
  const eligible = person.reasons.length === 0;
  const reasonsId = `reasons-${person.id}`;
  return (
    <li className={`roster-person${eligible ? "" : " roster-person--ineligible"}`}>
      <div className="roster-person__who">
        <p>
          <strong>{person.name}</strong> <span className="muted">({person.code})</span>{" "}
          {eligible ? (
            <span className="badge badge--ok">{t("roster.candidates.eligibleBadge")}</span>
          ) : (
            <span className="badge badge--warn">{t("roster.candidates.ineligibleBadge")}</span>
          )}
        </p>
        <p className="muted">
          <small>
            {person.position} · {person.unitName}
            {person.status === "LEFT" ? ` · ${t("roster.candidates.left")}` : ""}
          </small>
        </p>
        {eligible ? null : <ReasonList codes={person.reasons} id={reasonsId} />}
        {refused ? <Refusal refused={refused} /> : null}
      </div>
      {canAssign ? (
        // Enabled for everyone on purpose: trying is allowed, and a refusal is logged.
        <Form method="post" action={`/roster/shifts/${shiftId}${all ? "?all=1" : ""}`} className="roster-person__action">
          <input type="hidden" name="intent" value="assign" />
          <input type="hidden" name="personId" value={person.id} />
          <button
            type="submit"
            className={`button${eligible ? "" : " button--secondary"}`}
            aria-label={t("roster.assign.label", { name: person.name })}
            aria-describedby={eligible ? undefined : reasonsId}
            disabled={busy}
          >
            {t("roster.assign.button")}
          </button>
        </Form>
      ) : null}
    </li>
  );
}

/** One list of candidates (eligible or not), or its empty state. */
export function CandidateGroup({
  id,
  title,
  empty,
  people,
  refused,
  ...card
}: { id: string; title: string; empty: string; people: Candidate[] } & CardProps) {
  return (
    <section className="card stack" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {people.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="roster-list" aria-labelledby={id}>
          {people.map((p) => (
            <PersonCard key={p.id} person={p} {...card} refused={refused?.personId === p.id ? refused : null} />
          ))}
        </ul>
      )}
    </section>
  );
}
