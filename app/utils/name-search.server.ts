import { Prisma } from "~/generated/prisma/client.ts";

// Accent-insensitive name search and Vietnamese name order, shared by the
// people admin list and the dashboard drill-down. The folding itself is the
// SQL function kt1_fold() (migration 20261128060000): "Nguyen Van An" finds
// "Nguyễn Văn An", and the reverse.

const fold = (expr: Prisma.Sql) => Prisma.sql`kt1_fold(${expr})`;

/**
 * One condition per word of `q` (at most six): each word must appear, folded,
 * in one of `columns` (SQL expressions of text).
 */
export function wordsMatch(q: string, columns: string[]): Prisma.Sql[] {
  const words = q.normalize("NFC").split(/\s+/).filter(Boolean).slice(0, 6);
  return words.map((word) => {
    const pattern = Prisma.sql`'%' || ${fold(Prisma.sql`${word.replace(/[\\%_]/g, "\\$&")}::text`)} || '%'`;
    return Prisma.sql`(${Prisma.join(
      columns.map((c) => Prisma.sql`${fold(Prisma.raw(c))} like ${pattern}`),
      " or ",
    )})`;
  });
}

/** Vietnamese lists sort by given name (the last word), then the full name. */
export function orderByGivenName(nameColumn: string, idColumn: string) {
  return Prisma.sql`order by ${fold(Prisma.raw(`regexp_replace(${nameColumn}, '^.*\\s', '')`))}, ${fold(Prisma.raw(nameColumn))}, ${Prisma.raw(idColumn)}`;
}
