import type { UnitOption } from "~/components/people/form-field.tsx";
import { scopeOf, type Action } from "~/domain/access/permissions.ts";
import { notFound } from "~/utils/auth.server.ts";
import type { SessionUser } from "~/utils/context.server.ts";
import { unitsInScope } from "./units.server.ts";

/** The :personId route parameter as a database id, or a 404. */
export function personId(raw: string | undefined) {
  const id = Number(raw);
  if (!/^\d{1,10}$/.test(raw ?? "") || !Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) notFound();
  return id;
}

/** Units the user may choose for `action` (their scope), for a select. */
export async function unitOptions(user: SessionUser, action: Action): Promise<UnitOption[]> {
  const rows = await unitsInScope(scopeOf(user.grants, action));
  return rows.map(({ id, code, name, depth }) => ({ id, code, name, depth }));
}
