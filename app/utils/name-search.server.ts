import { Prisma } from "~/generated/prisma/client.ts";

// Accent-insensitive name search and Vietnamese name order, shared by the
// people admin list and the dashboard drill-down. people.name_folded and
// people.given_name_folded hold the names folded by the SQL function kt1_fold()
// (kept by a trigger; migration 20261128060000), so "Nguyen Van An" finds
// "Nguyễn Văn An", and the reverse, by comparing plain indexed text.

/**
 * One condition per word of `q` (at most six): each word, folded, must appear
 * in one of `columns` (SQL expressions of already folded or lower-case text).
 */
export function wordsMatch(q: string, columns: string[]): Prisma.Sql[] {
  const words = q.normalize("NFC").split(/\s+/).filter(Boolean).slice(0, 6);
  return words.map((word) => {
    const pattern = Prisma.sql`'%' || kt1_fold(${word.replace(/[\\%_]/g, "\\$&")}::text) || '%'`;
    return Prisma.sql`(${Prisma.join(
      columns.map((c) => Prisma.sql`${Prisma.raw(c)} like ${pattern}`),
      " or ",
    )})`;
  });
}

/** Vietnamese lists sort by given name (the last word), then the full name; `table` has people's folded name columns. */
export function orderByGivenName(table: string) {
  return Prisma.raw(`order by ${table}.given_name_folded, ${table}.name_folded, ${table}.id`);
}
