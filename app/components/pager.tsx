import type { ReactNode } from "react";
import { Link } from "react-router";

/** `path` with the list's filter query and, past the first page, `page=n`. */
export function pageHref(path: string, query: string, page: number) {
  const params = new URLSearchParams(query);
  if (page > 1) params.set("page", String(page));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

type PagerProps = {
  page: number;
  hasNext: boolean;
  hrefFor: (page: number) => string;
  /** Each list words its pager its own way ("older/newer" for a log), so the caller passes the translated text. */
  label: string;
  prev: string;
  next: string;
  status: ReactNode;
  className?: string;
};

/** Previous/next links around a status line; nothing at all when everything fits on one page. */
export function Pager({ page, hasNext, hrefFor, label, prev, next, status, className }: PagerProps) {
  if (page <= 1 && !hasNext) return null;
  return (
    <nav className={className ? `pager ${className}` : "pager"} aria-label={label}>
      {/* Empty spans keep the status centred when one side has no link. */}
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          {prev}
        </Link>
      ) : (
        <span />
      )}
      <span className="muted">{status}</span>
      {hasNext ? (
        <Link to={hrefFor(page + 1)} rel="next">
          {next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
