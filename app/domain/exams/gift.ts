// GIFT, the plain-text question format of Moodle, for the question types we
// support: one right answer (SINGLE), several weighted answers (MULTIPLE) and
// true/false. Anything else in a file (short answer, matching, numerical,
// essay, missing word) is reported with its line, never half-imported.
//
// Our conventions on top of GIFT, written as comments so Moodle ignores them:
//   // legal: <doc>|<article>|<clause>|<point>   a citation (trailing parts optional)
//   // difficulty: 1|2|3
// placed before the question they belong to. `$CATEGORY:` names the topic
// (its last "/" segment); `::title::` carries our question key; the general
// feedback (`####…`) is our explanation.
import { ok, refused, type Result } from "../result.ts";
import { translate, type MessageKey, type Params } from "~/i18n/index.ts";

export type GiftType = "SINGLE" | "MULTIPLE" | "TRUE_FALSE";
export type GiftOption = { text: string; weight: number; feedback?: string };
export type GiftCitation = { doc: string; article: string; clause: string; point: string };
export type GiftQuestion = {
  title: string | null;
  category: string | null;
  type: GiftType;
  stem: string;
  /** SINGLE / MULTIPLE: weights in percent (GIFT semantics); empty for TRUE_FALSE. */
  options: GiftOption[];
  /** TRUE_FALSE only. */
  answer: boolean | null;
  generalFeedback: string | null;
  legal: GiftCitation[];
  /** From a `// difficulty: N` comment. */
  difficulty: number | null;
  /** The first line of the question (1-based). */
  line: number;
};

export const GIFT_ERROR_CODES = [
  "empty",
  "unclosedTitle",
  "noAnswerBlock",
  "unclosedBrace",
  "nestedBrace",
  "emptyStem",
  "missingWord",
  "essay",
  "numerical",
  "shortAnswer",
  "matching",
  "answerPrefix",
  "emptyAnswer",
  "badWeight",
  "noCorrect",
  "severalCorrect",
  "weightSum",
  "tooFewOptions",
  "badLegal",
  "badDifficulty",
  "orphanMeta",
] as const;
export type GiftErrorCode = (typeof GIFT_ERROR_CODES)[number];

/** `message` is Vietnamese; `key` and `params` let a page show it in the reader's language. */
export type GiftError = { line: number; message: string; key: MessageKey; params: Params };
/** The questions, or every error in the file (with its line). */
export type GiftParseResult = Result<GiftQuestion[], "INVALID", GiftError>;

export function giftError(line: number, key: MessageKey, params: Params = {}): GiftError {
  return { line, key, params, message: translate("vi", key, params) };
}
const fail = (line: number, code: GiftErrorCode, params: Params = {}) => giftError(line, `questions.gift.${code}`, params);

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

/** One character of a question with whether it was escaped and the line it sits on. */
type Unit = { ch: string; esc: boolean; line: number };

const ESCAPABLE = new Set(["~", "=", "#", "{", "}", ":", "%", "\\"]);

function tokenize(lines: { text: string; line: number }[]): Unit[] {
  const units: Unit[] = [];
  lines.forEach(({ text, line }, i) => {
    if (i > 0) units.push({ ch: "\n", esc: false, line: lines[i - 1].line });
    for (let j = 0; j < text.length; j++) {
      const ch = text[j];
      const next = text[j + 1];
      if (ch === "\\" && next !== undefined && (ESCAPABLE.has(next) || next === "n")) {
        units.push({ ch: next === "n" ? "\n" : next, esc: true, line });
        j++;
      } else {
        units.push({ ch, esc: false, line });
      }
    }
  });
  return units;
}

const isSpace = (u: Unit) => !u.esc && /\s/.test(u.ch);
const isMark = (u: Unit | undefined, ch: string) => u !== undefined && !u.esc && u.ch === ch;

/** Index of the first unescaped occurrence of `seq` at or after `from`, or -1. */
function find(units: Unit[], seq: string, from = 0): number {
  outer: for (let i = from; i + seq.length <= units.length; i++) {
    for (let k = 0; k < seq.length; k++) if (!isMark(units[i + k], seq[k])) continue outer;
    return i;
  }
  return -1;
}

function trimUnits(units: Unit[]): Unit[] {
  let a = 0;
  let b = units.length;
  while (a < b && isSpace(units[a])) a++;
  while (b > a && isSpace(units[b - 1])) b--;
  return units.slice(a, b);
}

/** The text of some units: escapes resolved, line breaks of the file (layout only) read as one space. */
function textOf(units: Unit[]): string {
  const trimmed = trimUnits(units);
  let out = "";
  for (let i = 0; i < trimmed.length; i++) {
    if (isSpace(trimmed[i])) {
      let j = i;
      let newline = false;
      while (j < trimmed.length && isSpace(trimmed[j])) {
        if (trimmed[j].ch === "\n") newline = true;
        j++;
      }
      out += newline
        ? " "
        : trimmed
            .slice(i, j)
            .map((u) => u.ch)
            .join("");
      i = j - 1;
    } else {
      out += trimmed[i].ch;
    }
  }
  return out;
}

type Meta = { legal: GiftCitation[]; difficulty: number | null; lines: number[] };
const emptyMeta = (): Meta => ({ legal: [], difficulty: null, lines: [] });

const FORMAT_MARKER = /^\[(html|moodle|plain|markdown)\]/;
const WEIGHT = /^-?\d{1,3}(\.\d+)?$/;

function parseQuestion(
  lines: { text: string; line: number }[],
  category: string | null,
  meta: Meta,
): { question?: GiftQuestion; errors: GiftError[] } {
  const units = tokenize(lines);
  const start = lines[0].line;
  const errors: GiftError[] = [];
  let i = 0;
  while (i < units.length && isSpace(units[i])) i++;

  let title: string | null = null;
  if (isMark(units[i], ":") && isMark(units[i + 1], ":")) {
    const end = find(units, "::", i + 2);
    if (end < 0) return { errors: [fail(start, "unclosedTitle")] };
    title = textOf(units.slice(i + 2, end)) || null;
    i = end + 2;
  }
  while (i < units.length && isSpace(units[i])) i++;
  const marker = FORMAT_MARKER.exec(
    units
      .slice(i, i + 12)
      .map((u) => (u.esc ? "\u0000" : u.ch))
      .join(""),
  );
  if (marker) i += marker[0].length;

  const open = find(units, "{", i);
  if (open < 0) return { errors: [fail(start, "noAnswerBlock")] };
  const close = find(units, "}", open + 1);
  if (close < 0) return { errors: [fail(units[open].line, "unclosedBrace")] };
  const stem = textOf(units.slice(i, open));
  const trailing = units.slice(close + 1).find((u) => !isSpace(u));
  if (trailing) return { errors: [fail(start, "missingWord")] };

  let block = units.slice(open + 1, close);
  let generalFeedback: string | null = null;
  const general = find(block, "####");
  if (general >= 0) {
    generalFeedback = textOf(block.slice(general + 4)) || null;
    block = block.slice(0, general);
  }
  block = trimUnits(block);
  if (block.length === 0) return { errors: [fail(start, "essay")] };
  if (isMark(block[0], "#")) return { errors: [fail(start, "numerical")] };
  if (!stem) errors.push(fail(start, "emptyStem"));

  const base = { title, category, stem, generalFeedback, legal: meta.legal, difficulty: meta.difficulty, line: start };

  // True/false: {T}, {TRUE}, {F}, {FALSE}, optionally with Moodle's per-answer feedback (dropped).
  const hash = find(block, "#");
  const head = textOf(hash < 0 ? block : block.slice(0, hash));
  if (/^(t|true|f|false)$/i.test(head) && !isMark(block[0], "=") && !isMark(block[0], "~")) {
    if (errors.length) return { errors };
    return { question: { ...base, type: "TRUE_FALSE", options: [], answer: /^t/i.test(head) }, errors };
  }

  if (!isMark(block[0], "=") && !isMark(block[0], "~")) return { errors: [...errors, fail(block[0].line, "answerPrefix")] };
  const nested = find(block, "{");
  if (nested >= 0) return { errors: [...errors, fail(block[nested].line, "nestedBrace")] };

  // Split into answers at every unescaped = or ~.
  const raw: { mark: "=" | "~"; units: Unit[]; line: number }[] = [];
  for (const u of block) {
    if (isMark(u, "=") || isMark(u, "~")) raw.push({ mark: u.ch as "=" | "~", units: [], line: u.line });
    else raw[raw.length - 1].units.push(u);
  }
  if (!raw.some((a) => a.mark === "~")) {
    const matching = raw.some((a) => find(a.units, "->") >= 0);
    return { errors: [fail(start, matching ? "matching" : "shortAnswer")] };
  }

  const answers: { mark: "=" | "~"; percent: number | null; text: string; feedback: string | null; line: number }[] = [];
  for (const a of raw) {
    let body = trimUnits(a.units);
    let percent: number | null = null;
    if (isMark(body[0], "%")) {
      const end = find(body, "%", 1);
      const value =
        end < 0
          ? ""
          : body
              .slice(1, end)
              .map((u) => u.ch)
              .join("")
              .trim();
      if (end < 0 || !WEIGHT.test(value) || Math.abs(Number(value)) > 100) {
        errors.push(
          fail(a.line, "badWeight", {
            weight:
              end < 0
                ? body
                    .map((u) => u.ch)
                    .join("")
                    .slice(0, 12)
                : value,
          }),
        );
        continue;
      }
      percent = Number(value);
      body = body.slice(end + 1);
    }
    const fb = find(body, "#");
    const text = textOf(fb < 0 ? body : body.slice(0, fb));
    const feedback = fb < 0 ? null : textOf(body.slice(fb + 1)) || null;
    if (!text) errors.push(fail(a.line, "emptyAnswer"));
    answers.push({ mark: a.mark, percent, text, feedback, line: a.line });
  }
  if (errors.length) return { errors };
  if (answers.length < 2) return { errors: [fail(start, "tooFewOptions")] };

  const option = (a: (typeof answers)[number], weight: number): GiftOption => ({
    text: a.text,
    weight,
    ...(a.feedback ? { feedback: a.feedback } : {}),
  });
  if (answers.every((a) => a.percent === null)) {
    const right = answers.filter((a) => a.mark === "=").length;
    if (right !== 1) return { errors: [right === 0 ? fail(start, "noCorrect") : fail(start, "severalCorrect", { count: right })] };
    return {
      question: { ...base, type: "SINGLE", options: answers.map((a) => option(a, a.mark === "=" ? 100 : 0)), answer: null },
      errors,
    };
  }
  const options = answers.map((a) => option(a, a.percent ?? (a.mark === "=" ? 100 : 0)));
  const sum = Math.round(options.reduce((s, o) => s + Math.max(0, o.weight), 0) * 1000) / 1000;
  if (Math.abs(sum - 100) > 1) return { errors: [fail(start, "weightSum", { sum })] };
  return { question: { ...base, type: "MULTIPLE", options, answer: null }, errors };
}

function parseLegal(value: string): GiftCitation | null {
  const parts = value.split("|").map((p) => p.trim());
  if (parts.length > 4 || !parts[0]) return null;
  const [doc, article = "", clause = "", point = ""] = parts;
  if ((point && !clause) || (clause && !article)) return null;
  return { doc, article, clause, point };
}

export function parse(text: string): GiftParseResult {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const questions: GiftQuestion[] = [];
  const errors: GiftError[] = [];
  let category: string | null = null;
  let meta = emptyMeta();
  let chunk: { text: string; line: number }[] = [];

  const flush = () => {
    if (chunk.length === 0) return;
    const result = parseQuestion(chunk, category, meta);
    errors.push(...result.errors);
    if (result.question) questions.push(result.question);
    chunk = [];
    meta = emptyMeta();
  };

  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === "") return flush();
    if (trimmed.startsWith("//")) {
      const m = /^\/\/\s*(legal|difficulty)\s*:(.*)$/i.exec(trimmed);
      if (!m) return;
      meta.lines.push(line);
      if (m[1].toLowerCase() === "legal") {
        const cite = parseLegal(m[2]);
        if (cite) meta.legal.push(cite);
        else errors.push(fail(line, "badLegal"));
      } else if (/^\s*[123]\s*$/.test(m[2])) {
        meta.difficulty = Number(m[2]);
      } else {
        errors.push(fail(line, "badDifficulty"));
      }
      return;
    }
    const cat = /^\$CATEGORY:(.*)$/i.exec(trimmed);
    if (cat) {
      flush();
      const name = cat[1].split("/").at(-1)?.trim() ?? "";
      category = name || null;
      return;
    }
    chunk.push({ text: raw, line });
  });
  flush();
  if (meta.lines.length > 0) errors.push(fail(meta.lines[0], "orphanMeta"));
  if (errors.length === 0 && questions.length === 0) errors.push(fail(1, "empty"));
  errors.sort((a, b) => a.line - b.line);
  return errors.length > 0 ? refused("INVALID", errors) : ok(questions);
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/** GIFT text for free text: special characters escaped, line breaks as \n. */
function escapeGift(text: string): string {
  return text.replace(/[\\~=#{}:]/g, "\\$&").replace(/\r\n|\r|\n/g, "\\n");
}

/** An answer's text: also escapes a leading % so it is not read as a weight. */
const escapeAnswer = (text: string) => escapeGift(text).replace(/^%/, "\\%");

const citationText = (c: GiftCitation) => [c.doc, c.article, c.clause, c.point].join("|").replace(/\|+$/, "");

export type SerializableQuestion = Omit<GiftQuestion, "line"> & { line?: number };

export function serialize(questions: readonly SerializableQuestion[]): string {
  const blocks: string[] = [];
  let category: string | null = null;
  for (const q of questions) {
    if (q.category !== category) {
      blocks.push(`$CATEGORY: ${q.category ?? ""}`);
      category = q.category;
    }
    const lines = q.legal.map((c) => `// legal: ${citationText(c)}`);
    if (q.difficulty !== null) lines.push(`// difficulty: ${q.difficulty}`);
    lines.push(`${q.title ? `::${escapeGift(q.title)}:: ` : ""}${escapeGift(q.stem)} {`);
    if (q.type === "TRUE_FALSE") {
      lines.push(q.answer ? "TRUE" : "FALSE");
    } else {
      for (const o of q.options) {
        const mark = q.type === "SINGLE" ? (o.weight >= 100 ? "=" : "~") : `~%${Math.round(o.weight * 1000) / 1000}%`;
        lines.push(`${mark}${escapeAnswer(o.text)}${o.feedback ? `#${escapeGift(o.feedback)}` : ""}`);
      }
    }
    if (q.generalFeedback) lines.push(`####${escapeGift(q.generalFeedback)}`);
    lines.push("}");
    blocks.push(lines.join("\n"));
  }
  return blocks.length === 0 ? "" : `${blocks.join("\n\n")}\n`;
}
