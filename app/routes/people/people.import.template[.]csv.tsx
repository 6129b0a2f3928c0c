import type { Route } from "./+types/people.import.template[.]csv";
import { COLUMN_KEYS } from "~/domain/staff/import-rows.ts";
import { translate } from "~/i18n/index.ts";
import { requireScope } from "~/utils/auth.server.ts";
import { toCsv } from "~/utils/csv.ts";

// The import template: UTF-8 with a BOM (so Excel shows Vietnamese letters) and
// ";" between fields (the list separator of Excel on Vietnamese Windows). Its
// cells are fixed text; it still goes through the one CSV writer (decision 033).

const EXAMPLES = [
  ["VD0001", "Nguyễn Văn An", "TH-VPUBND", "Chuyên viên", "05/09/2024", "an.nguyen@vidu.test", "0912345678", "Đang làm việc"],
  ["VD0002", "Trần Thị Bình", "TH-BD-SAMSON-KT1", "KHAI_THAC_KT1", "01/03/2023", "", "0987654321", "Đang làm việc"],
];

export function loader(args: Route.LoaderArgs) {
  requireScope(args, "people:import");
  // Vietnamese headers whatever the reader's language: the file is for Vietnamese Excel.
  const header = COLUMN_KEYS.map((k) => translate("vi", `import.column.${k}`));
  const body = toCsv([header, ...EXAMPLES], ";");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="mau-nhap-nhan-su.csv"; filename*=UTF-8''m%E1%BA%ABu-nh%E1%BA%ADp-nh%C3%A2n-s%E1%BB%B1.csv`,
      "Cache-Control": "private, no-store",
    },
  });
}
