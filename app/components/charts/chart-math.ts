// The arithmetic of the server-drawn SVG charts (decision 063): scales, tick
// values and label wrapping. Plain functions so they are unit-tested; the
// components only place what these return.

/** Maps a domain [d0, d1] linearly onto a range [r0, r1]. */
export function linearScale(d0: number, d1: number, r0: number, r1: number) {
  const span = d1 - d0 || 1;
  return (value: number) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** The smallest "nice" number (1, 2 or 5 × 10ⁿ) at or above `value`; at least 1. */
export function niceCeil(value: number): number {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/**
 * Integer ticks from 0 to a nice maximum at or above `max`, at most `count` + 1
 * of them (counts are whole people or certificates: no 0.5 tick).
 */
export function countTicks(max: number, count = 5): number[] {
  const step = niceCeil(Math.max(1, max) / count);
  const top = Math.max(step, Math.ceil(Math.max(1, max) / step) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return ticks;
}

/**
 * Roughly how wide `text` is at `fontPx`. System fonts average about 0.55 em a
 * character for Vietnamese text (diacritics sit above, they add no width); we
 * count 0.6 em so a label never overflows the space it was measured for.
 */
export function textWidth(text: string, fontPx: number): number {
  return [...text.normalize("NFC")].length * fontPx * 0.6;
}

/**
 * Splits a label into lines no wider than `maxPx`, breaking only between words:
 * a word longer than the line stands alone on its line rather than being cut.
 * At most `maxLines`; the last kept line ends with "…" when words were left out
 * (the full name is in the data table and the SVG's <title>).
 */
export function wrapLabel(text: string, maxPx: number, fontPx: number, maxLines = 3): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} ${word}`, fontPx) <= maxPx) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]} …`;
  return kept;
}

/** The rows with the highest and the lowest value, ignoring rows without one (first wins a tie); null when none has a value. */
export function extremes<T>(rows: readonly T[], value: (row: T) => number | null): { highest: T; lowest: T } | null {
  let highest: T | null = null;
  let lowest: T | null = null;
  for (const row of rows) {
    const v = value(row);
    if (v === null) continue;
    if (highest === null || v > value(highest)!) highest = row;
    if (lowest === null || v < value(lowest)!) lowest = row;
  }
  return highest === null || lowest === null ? null : { highest, lowest };
}

/**
 * Rows of a horizontal bar chart, one per label, top to bottom from `start`:
 * each as tall as its wrapped name needs (at least `minHeight`).
 */
export function barRows(
  labels: readonly string[],
  opts: { labelWidth: number; fontPx: number; lineHeight: number; minHeight: number; start: number },
) {
  const rows: { lines: string[]; top: number; height: number }[] = [];
  let top = opts.start;
  for (const label of labels) {
    const lines = wrapLabel(label, opts.labelWidth, opts.fontPx);
    const height = Math.max(opts.minHeight, lines.length * opts.lineHeight + 12);
    rows.push({ lines, top, height });
    top += height;
  }
  return { rows, bottom: top };
}
