import type { Route } from "./+types/trainer";
import { requireScope } from "~/utils/auth.server.ts";
import { useT } from "~/utils/use-t.ts";

export const meta: Route.MetaFunction = () => [{ title: "Giảng viên · Học viện KT1" }];

export function loader(args: Route.LoaderArgs) {
  requireScope(args, "content:write");
  return null;
}

export default function Trainer() {
  const t = useT();
  return (
    <div className="stack">
      <h1>{t("trainer.title")}</h1>
      <p className="lead">{t("trainer.intro")}</p>
      <section className="card">
        <p className="empty">{t("trainer.empty")}</p>
      </section>
    </div>
  );
}
