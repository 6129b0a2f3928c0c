// Item analysis of an exam's submitted attempts, for trainers: how hard each
// question was (facility), whether it separates strong from weak candidates
// (discrimination), and which options were chosen. Pure: the caller loads rows.

export type AnalysedResponse = {
  /** The question version drawn (options and wording are per version). */
  versionId: number;
  /** 0..1 */
  score: number;
  /** Chosen option ids, or ["true"]/["false"]; empty when unanswered. */
  chosen: readonly string[];
};

export type AnalysedAttempt = { attemptId: number; percent: number; passed: boolean; responses: readonly AnalysedResponse[] };

export type ItemOption = { id: string; label: string; right: boolean };
export type ItemVersion = { versionId: number; options: readonly ItemOption[] };

export type ItemStats = {
  versionId: number;
  /** How many submitted attempts drew this question version. */
  drawn: number;
  /** Mean score (0..1); null when never drawn. */
  facility: number | null;
  /** Upper 27% mean minus lower 27% mean (by attempt percent); null with fewer than 2 responses. */
  discrimination: number | null;
  /** D < 0.2 with at least MIN_RESPONSES responses. */
  poor: boolean;
  options: { id: string; label: string; right: boolean; count: number }[];
  unanswered: number;
};

export type ExamAnalysis = {
  attempts: number;
  passed: number;
  /** 0..1; null without attempts. */
  passRate: number | null;
  meanPercent: number | null;
  /** Ten buckets of attempt percent: [0,10), [10,20) … [90,100]. */
  distribution: { from: number; to: number; count: number }[];
  items: ItemStats[];
};

const GROUP_SHARE = 0.27;
export const POOR_DISCRIMINATION = 0.2;
export const MIN_RESPONSES = 10;

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

export function scoreDistribution(percents: readonly number[]) {
  const buckets = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: 0 }));
  for (const p of percents) buckets[Math.min(9, Math.max(0, Math.floor(p / 10)))].count++;
  return buckets;
}

/**
 * Discrimination of one item: the responses ranked by the attempt's total
 * percent (ties broken by attempt id, so the result is stable); the mean item
 * score of the top 27% minus that of the bottom 27% (at least one each).
 */
export function discriminationIndex(rows: readonly { attemptId: number; percent: number; score: number }[]): number | null {
  if (rows.length < 2) return null;
  const ranked = [...rows].sort((a, b) => b.percent - a.percent || a.attemptId - b.attemptId);
  const n = Math.max(1, Math.round(ranked.length * GROUP_SHARE));
  const upper = mean(ranked.slice(0, n).map((r) => r.score))!;
  const lower = mean(ranked.slice(-n).map((r) => r.score))!;
  return round3(upper - lower);
}

export function analyseExam(attempts: readonly AnalysedAttempt[], versions: readonly ItemVersion[]): ExamAnalysis {
  const passed = attempts.filter((a) => a.passed).length;
  const byVersion = new Map<number, { attemptId: number; percent: number; score: number; chosen: readonly string[] }[]>();
  for (const a of attempts) {
    for (const r of a.responses) {
      const list = byVersion.get(r.versionId) ?? [];
      list.push({ attemptId: a.attemptId, percent: a.percent, score: r.score, chosen: r.chosen });
      byVersion.set(r.versionId, list);
    }
  }
  const items = versions.map((v): ItemStats => {
    const rows = byVersion.get(v.versionId) ?? [];
    const facility = mean(rows.map((r) => r.score));
    const discrimination = discriminationIndex(rows);
    const counts = new Map<string, number>();
    for (const r of rows) for (const id of new Set(r.chosen)) counts.set(id, (counts.get(id) ?? 0) + 1);
    return {
      versionId: v.versionId,
      drawn: rows.length,
      facility: facility === null ? null : round3(facility),
      discrimination,
      poor: discrimination !== null && rows.length >= MIN_RESPONSES && discrimination < POOR_DISCRIMINATION,
      options: v.options.map((o) => ({ ...o, count: counts.get(o.id) ?? 0 })),
      unanswered: rows.filter((r) => r.chosen.length === 0).length,
    };
  });
  const meanPercent = mean(attempts.map((a) => a.percent));
  return {
    attempts: attempts.length,
    passed,
    passRate: attempts.length === 0 ? null : round3(passed / attempts.length),
    meanPercent: meanPercent === null ? null : Math.round(meanPercent * 100) / 100,
    distribution: scoreDistribution(attempts.map((a) => a.percent)),
    items,
  };
}
