// An exam start runs in one transaction and must never wait for a second pool
// connection: on exam day every connection was held by a start that waited,
// inside its transaction, for one more (the quality gate's item statistics,
// since decision 084 read from item_statistics), and the starts timed out.
// With a pool of one connection, such a wait never ends.
process.env.DATABASE_POOL_SIZE = "1";

import { describe, expect, it } from "vitest";
import { startAttempt } from "~/services/exams/attempt-start.server.ts";
import { fixtureLearner, makeFixtureExam } from "../support/exam-fixtures.ts";

const NOW = new Date("2026-11-28T03:00:00Z");

describe("starting an exam with the pool's last connection", () => {
  it("starts with every read inside its own transaction", async () => {
    const fixture = await makeFixtureExam({ now: NOW });
    const { id: learner } = await fixtureLearner(fixture, new Date(NOW.getTime() - 24 * 3_600_000));
    const started = await startAttempt(learner, fixture.examId, NOW);
    expect(started.ok).toBe(true);
  }, 20_000);
});
