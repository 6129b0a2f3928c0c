// `npm run admin` as a real child process against this file's database.
import { describe, expect, it } from "vitest";
import { authenticate } from "~/services/api/tokens.server.ts";
import { verifyPassword } from "~/services/passwords.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { runScript } from "../support/cli.ts";
import { makeUnit } from "../support/factories.ts";

const admin = (...args: string[]) => runScript("admin.ts", args);

const bearer = (token: string) => new Request("http://localhost/api/v1/stations", { headers: { Authorization: `Bearer ${token}` } });

describe("npm run admin", () => {
  it("token:create prints a token on its last line that authenticates for the unit", async () => {
    const unit = await makeUnit({ kind: "POST_OFFICE" });
    const res = await admin("token:create", "--name", "test", "--unit", unit.code, "--scope", "roster:read");
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const lines = res.stdout.trimEnd().split("\n");
    const token = lines[lines.length - 1];
    expect(token).toMatch(/^kt1_[a-z2-7]{32}$/);
    expect(res.stdout).toContain(unit.code);
    const found = await authenticate(bearer(token));
    expect(found).toMatchObject({ name: "test", unitId: unit.id, scopes: ["roster:read"] });
    const row = await getDb().apiToken.findUniqueOrThrow({ where: { id: found?.id } });
    expect(row.tokenHash).not.toBe(token);
    expect(await getDb().auditEntry.count({ where: { action: "api_token.create", targetId: String(row.id) } })).toBe(1);

    const list = await admin("token:list");
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${row.id}\ttest\t${unit.code}\troster:read`);
    expect(list.stdout).not.toContain(token);

    const revoked = await admin("token:revoke", "--id", String(row.id));
    expect([revoked.code, revoked.stdout.trim()]).toEqual([0, `Revoked API token ${row.id} "test".`]);
    expect(await authenticate(bearer(token))).toBeNull();
  }, 60_000);

  it("token:create accepts the compliance:read scope", async () => {
    const unit = await makeUnit({ kind: "POST_OFFICE" });
    const res = await admin("token:create", "--name", "tuan-thu", "--unit", unit.code, "--scope", "compliance:read");
    expect([res.code, res.stderr]).toEqual([0, ""]);
    const token = res.stdout.trimEnd().split("\n").at(-1) as string;
    expect(await authenticate(bearer(token))).toMatchObject({ name: "tuan-thu", scopes: ["compliance:read"] });
  }, 60_000);

  it("exits 2 with a clear message for a bad scope, an unknown unit or a bad command line", async () => {
    const unit = await makeUnit({ kind: "POST_OFFICE" });
    const scope = await admin("token:create", "--name", "test", "--unit", unit.code, "--scope", "roster:read,roster:delete");
    expect(scope.code).toBe(2);
    expect(scope.stderr).toMatch(/unknown scope "roster:delete"; allowed: roster:read, roster:write, certifications:revoke/);
    expect(scope.stdout).toBe("");

    const unknownUnit = await admin("token:create", "--name", "test", "--unit", "NO-SUCH-UNIT", "--scope", "roster:read");
    expect([unknownUnit.code, unknownUnit.stderr.trim()]).toEqual([2, 'Error: unknown unit "NO-SUCH-UNIT"']);

    const noName = await admin("token:create", "--scope", "roster:read");
    expect(noName.code).toBe(2);
    expect(noName.stderr).toMatch(/--name is required/);

    const noCommand = await admin("token:frobnicate");
    expect(noCommand.code).toBe(2);
    expect(noCommand.stderr).toMatch(/unknown command "token:frobnicate"/);
    expect(await getDb().apiToken.count({ where: { unitId: unit.id } })).toBe(0);
  }, 60_000);

  it("setup makes the first administrator of a new installation once, with a temporary password to change", async () => {
    const args = [
      "--unit-code",
      "TINH-MOI",
      "--unit-name",
      "Tỉnh Mới",
      "--employee-code",
      "QT0001",
      "--name",
      "Nguyễn Văn Quản",
      "--email",
      "qt@tinh-moi.gov.vn",
    ];
    const res = await admin("setup", ...args);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("Created the administrator Nguyễn Văn Quản (qt@tinh-moi.gov.vn) for unit TINH-MOI.");
    const password = res.stdout.trimEnd().split("\n").at(-1) as string;
    const person = await getDb().person.findUniqueOrThrow({
      where: { employeeCode: "QT0001" },
      include: { account: true, unit: true, grants: true },
    });
    expect(person.unit).toMatchObject({ code: "TINH-MOI", name: "Tỉnh Mới", kind: "PROVINCE", parentId: null });
    expect(person.grants.map((g) => [g.role, g.unitId])).toContainEqual(["ADMIN", person.unitId]);
    expect(person.account?.mustChangePassword).toBe(true);
    expect(await verifyPassword(person.account!.passwordHash, password)).toBe(true);
    expect(await getDb().auditEntry.count({ where: { action: "role.grant", targetId: String(person.id) } })).toBe(1);

    // Once there is an administrator, setup refuses and changes nothing.
    const again = await admin(
      "setup",
      ...args.slice(0, 4),
      "--employee-code",
      "QT0002",
      "--name",
      "Người Khác",
      "--email",
      "khac@tinh-moi.gov.vn",
    );
    expect([again.code, again.stderr.trim()]).toEqual([
      2,
      "Error: an administrator already exists: add others in the app (a person's page, Vai trò)",
    ]);
    expect(await getDb().person.count({ where: { employeeCode: "QT0002" } })).toBe(0);
  }, 60_000);
});
