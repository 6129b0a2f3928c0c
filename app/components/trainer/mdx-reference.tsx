import type { MessageKey } from "~/i18n/index.ts";
import { useT } from "~/utils/use-t.ts";

// The syntax of each allowed component (code, the same in every language).
const ROWS: { name: string; syntax: string; use: MessageKey }[] = [
  {
    name: "---",
    syntax: "---\ntitle: Tên bài học\nsummary: Một đến hai câu tóm tắt bài.\nminutes: 10\n---",
    use: "trainer.ref.frontmatter",
  },
  { name: "LegalRef", syntax: '<LegalRef doc="117/2025/QH15" article="13" clause="5" point="a" />', use: "trainer.ref.LegalRef" },
  { name: "Callout", syntax: '<Callout type="warning">\n\nNội dung…\n\n</Callout>', use: "trainer.ref.Callout" },
  { name: "TrainerNote", syntax: "<TrainerNote>\n\nGhi chú…\n\n</TrainerNote>", use: "trainer.ref.TrainerNote" },
  { name: "Term", syntax: '<Term id="ap-tai">áp tải</Term>', use: "trainer.ref.Term" },
  { name: "Figure", syntax: '<Figure src="/content/hinh.svg" alt="Mô tả hình" caption="Chú thích" />', use: "trainer.ref.Figure" },
  { name: "Steps", syntax: "<Steps>\n\n1. Bước một\n2. Bước hai\n\n</Steps>", use: "trainer.ref.Steps" },
  {
    name: "KnowledgeCheck",
    syntax:
      '<KnowledgeCheck question="Câu hỏi?">\n<Option correct>Đáp án đúng</Option>\n<Option>Đáp án sai</Option>\n<Explanation>Giải thích.</Explanation>\n</KnowledgeCheck>',
    use: "trainer.ref.KnowledgeCheck",
  },
];

/** The collapsed cheat sheet under the editor. */
export function MdxReference() {
  const t = useT();
  return (
    <details className="card mdx-reference">
      <summary>{t("trainer.editor.reference")}</summary>
      <p className="muted">{t("trainer.editor.referenceIntro")}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("trainer.editor.component")}</th>
              <th scope="col">{t("trainer.editor.syntax")}</th>
              <th scope="col">{t("trainer.editor.use")}</th>
            </tr>
          </thead>
          <tbody>
            {ROWS.map((r) => (
              <tr key={r.name}>
                <th scope="row">
                  <code>{r.name}</code>
                </th>
                <td>
                  <pre className="mdx-reference__code">
                    <code>{r.syntax}</code>
                  </pre>
                </td>
                <td>{t(r.use)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
