// A worker killed mid-request after its booking committed (issue 17): the
// Idempotency-Key's answer is stored in the booking's own transaction, so the
// client's retry gets the original 201, never a stuck 409 or a second booking.
// The crash is the work throwing right after the commit, before anything else
// of the request runs (what a SIGKILL there leaves behind), or a real SIGKILL of
// a child process inside the booking's transaction, before COMMIT.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withIdempotency } from "~/services/api/idempotency.server.ts";
import { assignViaApi } from "~/services/api/roster-api.server.ts";
import { rosterTargets } from "~/services/api/roster-targets.server.ts";
import { createApiToken, type ApiScope } from "~/services/api/tokens.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { makeQualifiedPerson, makeRosterWorld } from "../support/roster-fixtures.ts";

const now = new Date("2026-03-02T01:00:00Z");
const ROOT = path.resolve(import.meta.dirname, "../..");

async function bookingWorld() {
  const db = getDb();
  const world = await makeRosterWorld();
  const { person } = await makeQualifiedPerson(world);
  const unit = await db.unit.findUniqueOrThrow({ where: { id: world.unit.id } });
  const created = await createApiToken({ name: "Điều hành", unitCode: unit.code, scopes: ["roster:write"] }, null, now);
  const token = { id: created.id, name: "Điều hành", unitId: unit.id, unitCode: unit.code, scopes: ["roster:write"] as ApiScope[] };
  const codes = { station: world.station.code, employeeCode: person.employeeCode, dutyType: world.dutyType.code };
  const when = { startsAt: new Date("2026-03-10T01:00:00Z"), endsAt: new Date("2026-03-10T09:00:00Z") };
  const request = (key: string, crash = false) =>
    withIdempotency(token.id, key, "same-request", now, async (record) => {
      const targets = await rosterTargets(token, codes, when, true);
      const result = await assignViaApi(token, targets, now, (tx, view) => record(tx, { status: 201, body: view }));
      if (crash) throw new Error("the worker died here");
      return result.ok ? { status: 201, body: result.value } : { status: 409, body: { error: { code: result.code } } };
    });
  return { person, token, codes, when, request };
}

describe("idempotent booking after a crash", () => {
  it("a retry after a crash past COMMIT gets the original 201 and books nothing more", async () => {
    const db = getDb();
    const { person, token, request } = await bookingWorld();
    await expect(request("crash-after-commit", true)).rejects.toThrow("the worker died here");
    const booked = await db.assignment.findMany({ where: { personId: person.id } });
    expect(booked).toHaveLength(1);
    const stored = await db.idempotencyRecord.findUniqueOrThrow({
      where: { tokenId_key: { tokenId: token.id, key: "crash-after-commit" } },
    });
    expect(stored.status).toBe(201);

    const retry = await request("crash-after-commit");
    expect(retry).toMatchObject({
      status: 201,
      replayed: true,
      body: { id: booked[0].id, employeeCode: person.employeeCode, status: "ACTIVE" },
    });
    expect(await db.assignment.count({ where: { personId: person.id } })).toBe(1);
  });

  it("a retry after the process was killed before COMMIT books at once (nothing was left reserved)", async () => {
    const db = getDb();
    const { person, token, codes, when, request } = await bookingWorld();
    const args = JSON.stringify({ token, codes, when, key: "killed-before-commit", now });
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/crash-mid-booking.ts", args], {
      cwd: ROOT,
      env: process.env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += String(d)));
    const signal = await new Promise((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
    expect(signal, stderr).toBe("SIGKILL");
    expect(await db.assignment.count({ where: { personId: person.id } })).toBe(0);

    // Before decision 073 the key stayed "in progress" here: 409 for five minutes.
    const retry = await request("killed-before-commit");
    expect(retry).toMatchObject({ status: 201, replayed: false, body: { employeeCode: person.employeeCode, status: "ACTIVE" } });
    expect(await db.assignment.count({ where: { personId: person.id } })).toBe(1);
  });

  it("two simultaneous requests with one key book once and both get the same 201", async () => {
    const db = getDb();
    const { person, request } = await bookingWorld();
    const [a, b] = await Promise.all([request("twice-at-once"), request("twice-at-once")]);
    expect(await db.assignment.count({ where: { personId: person.id } })).toBe(1);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toEqual(b.body);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
  });
});
