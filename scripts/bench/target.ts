/** The benchmark database: BENCH_DATABASE_URL, else kt1_bench beside the app's database. */
export function benchDatabaseUrlFor(appUrl: string) {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const url = new URL(appUrl);
  url.pathname = "/kt1_bench";
  return url.toString();
}
