import { Prisma } from "~/generated/prisma/client.ts";
import { getDb, type Tx } from "~/utils/db.server.ts";
import { orderByGivenName, wordsMatch } from "~/utils/name-search.server.ts";

// The people admin page's list: a search over the people the reader may see.

export type PeopleQuery = {
  scope: number[];
  unitId: number | null;
  status: "ACTIVE" | "LEFT" | null;
  q: string;
  page: number;
  pageSize: number;
};

/** One page of people in the subtrees of `scope`, sorted by given name as Vietnamese lists are. */
export async function searchPeople(query: PeopleQuery, db: Pick<Tx, "$queryRaw"> = getDb()) {
  const where: Prisma.Sql[] = [Prisma.sql`u.path && ${query.scope}::int[]`];
  if (query.unitId !== null) where.push(Prisma.sql`u.path @> ARRAY[${query.unitId}]::int[]`);
  if (query.status) where.push(Prisma.sql`p.status = ${query.status}::"PersonStatus"`);
  // Every word must appear in the name, the code or the email.
  where.push(...wordsMatch(query.q, ["p.name_folded", "lower(p.employee_code)", "lower(coalesce(p.email, ''))"]));
  const filter = Prisma.join(where, " and ");
  const [{ total }] = await db.$queryRaw<{ total: bigint }[]>`
    select count(*) as total from people p join units u on u.id = p.unit_id where ${filter}`;
  const pages = Math.max(1, Math.ceil(Number(total) / query.pageSize));
  const page = Math.min(Math.max(1, query.page), pages);
  const rows = await db.$queryRaw<
    {
      id: number;
      employee_code: string;
      full_name: string;
      position: string;
      email: string | null;
      status: "ACTIVE" | "LEFT";
      unit_name: string;
    }[]
  >`
    select p.id, p.employee_code, p.full_name, p.position, p.email, p.status::text as status, u.name as unit_name
      from people p join units u on u.id = p.unit_id
     where ${filter}
     ${orderByGivenName("p")}
     limit ${query.pageSize} offset ${(page - 1) * query.pageSize}`;
  return {
    total: Number(total),
    page,
    pages,
    people: rows.map((r) => ({
      id: r.id,
      employeeCode: r.employee_code,
      fullName: r.full_name,
      position: r.position,
      email: r.email,
      status: r.status,
      unitName: r.unit_name,
    })),
  };
}
