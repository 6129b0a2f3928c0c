// Accounts the benchmark logs in as. Their session tokens are derived from
// their index, so the data generator and the load generator agree without
// writing secrets to disk (this is a throwaway benchmark database).
import { createHash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

export function benchToken(kind: "learner" | "manager", i: number) {
  const bytes = createHash("sha256").update(`kt1-bench-${kind}-${i}`).digest().subarray(0, 20);
  return encodeBase32LowerCaseNoPadding(new Uint8Array(bytes));
}

export function sessionIdOf(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** The API token of the linked roster system in the benchmark database. */
export const BENCH_API_TOKEN = `kt1_${benchToken("manager", 1)}`;
