import { COMPONENTS, type MdxProblem } from "~/domain/content/mdx-rules.ts";
import type { Translate } from "~/i18n/index.ts";

// Kept apart from the React list so that content:check prints the same sentences.

/** "117/2025/QH15 Điều 13 khoản 5 điểm a" from a rules detail "doc|article|clause|point". */
function citation(t: Translate, detail: string) {
  const [doc, article, clause, point] = detail.split("|");
  return [
    doc,
    article && t("trainer.cite.article", { n: article }),
    clause && t("trainer.cite.clause", { n: clause }),
    point && t("trainer.cite.point", { n: point }),
  ]
    .filter(Boolean)
    .join(" ");
}

/** One problem as a sentence a trainer can act on, prefixed with its line when known. */
export function problemMessage(t: Translate, p: MdxProblem): string {
  let message: string;
  switch (p.code) {
    case "UNKNOWN_COMPONENT":
      message = t("trainer.problem.UNKNOWN_COMPONENT", { detail: p.detail, components: COMPONENTS.join(", ") });
      if (/^<img>$/i.test(p.detail)) message += ` ${t("trainer.problem.imgHint")}`;
      break;
    case "UNKNOWN_CITATION":
      message = t("trainer.problem.UNKNOWN_CITATION", { detail: citation(t, p.detail) });
      break;
    case "BAD_KNOWLEDGE_CHECK": {
      const [, options = "?", correct = "?"] = /(\d+) options?, (\d+) correct/.exec(p.detail) ?? [];
      message = t("trainer.problem.BAD_KNOWLEDGE_CHECK", { options, correct });
      break;
    }
    default:
      message = t(`trainer.problem.${p.code}`, { detail: p.detail });
  }
  return p.line == null ? message.charAt(0).toUpperCase() + message.slice(1) : t("trainer.problem.atLine", { line: p.line, message });
}
