import { Link } from "react-router";
import { useT } from "~/utils/use-t.ts";

/** The path to this page: links to the pages above, then this page's name. */
export function Breadcrumb({ trail, current }: { trail: readonly { to: string; label: string }[]; current: string }) {
  const t = useT();
  return (
    <nav aria-label={t("learn.course.breadcrumb")} className="breadcrumb">
      <ol>
        {trail.map((step) => (
          <li key={step.to}>
            <Link to={step.to}>{step.label}</Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
