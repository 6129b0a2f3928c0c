// Test data built through the same services the seed and the app use.
import { randomBytes } from "node:crypto";
import type { Role } from "~/domain/access/permissions.ts";
import { hashPassword } from "~/services/passwords.server.ts";
import { createPerson, createUnit, grantRole, setPassword } from "~/services/people.server.ts";
import { getDb } from "~/utils/db.server.ts";

export const TEST_PASSWORD = "Mat-khau-thu-2026";
let passwordHash: Promise<string> | undefined;

const uid = () => randomBytes(3).toString("hex").toUpperCase();

export async function makeUnit(opts: { parentId?: number | null; name?: string; kind?: string } = {}) {
  return getDb().$transaction((tx) =>
    createUnit(tx, { code: `U-${uid()}`, name: opts.name ?? `Đơn vị thử ${uid()}`, kind: opts.kind ?? "AGENCY", parentId: opts.parentId ?? null }, null, new Date()),
  );
}

export async function makePerson(opts: {
  unitId: number;
  fullName?: string;
  roles?: { role: Role; unitId: number }[];
  withAccount?: boolean;
  status?: "ACTIVE" | "LEFT";
}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const code = `T${uid()}`;
  return getDb().$transaction(async (tx) => {
    const now = new Date();
    const person = await createPerson(
      tx,
      {
        employeeCode: code,
        fullName: opts.fullName ?? "Nguyễn Thị Thử",
        unitId: opts.unitId,
        position: "Chuyên viên",
        workStartedOn: new Date("2020-01-01T00:00:00Z"),
        email: `${code.toLowerCase()}@kt1.test`,
        phone: null,
        commitmentSignedOn: null,
        status: opts.status ?? "ACTIVE",
      },
      null,
      now,
    );
    for (const r of opts.roles ?? []) await grantRole(tx, { personId: person.id, ...r }, null, now);
    if (opts.withAccount !== false) {
      await setPassword(tx, person.id, hash, { actorId: null, mustChange: false, unitId: person.unitId }, now);
    }
    return person;
  });
}
