import { useEffect, useRef } from "react";
import { Form, Link, NavLink, useLocation } from "react-router";
import type { Locale } from "~/i18n/index.ts";
import { useT } from "~/utils/use-t.ts";
import type { NavItem } from "./nav.ts";

type Props = {
  user: { fullName: string; unitName: string } | null;
  nav: NavItem[];
  locale: Locale;
  unread: number;
  /** While a document's template renders: the hole for the page's address (decision 083). */
  templatePath?: string | null;
};

export function AppHeader({ user, nav, locale, unread, templatePath }: Props) {
  const t = useT();
  const location = useLocation();
  const menu = useRef<HTMLDetailsElement>(null);
  // On a phone the menu is a <details> (works without JavaScript); after a
  // client-side navigation it closes, as a full page load would leave it. Not at
  // hydration: a menu opened before the scripts ran stays open.
  const path = location.pathname + location.search;
  const shownAt = useRef(path);
  useEffect(() => {
    if (shownAt.current === path) return;
    shownAt.current = path;
    if (menu.current) menu.current.open = false;
  }, [path]);
  return (
    <header className="app-header">
      <div className="app-header__bar">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            KT1
          </span>
          <span className="brand__name">{t("app.name")}</span>
        </Link>
        <Form method="post" action="/lang" className="lang-switch">
          <input type="hidden" name="redirectTo" value={templatePath ?? location.pathname + location.search} />
          <button type="submit" name="locale" value={locale === "vi" ? "en" : "vi"} lang={locale === "vi" ? "en" : "vi"}>
            {locale === "vi" ? "English" : "Tiếng Việt"}
          </button>
        </Form>
      </div>
      {user ? (
        // Wide screens show the menu's content whatever its state ("wide-open" in app/styles.css).
        // `open` is the user's: a tap before hydration sets it, and React is told to expect that.
        <details className="nav-menu wide-open" ref={menu} suppressHydrationWarning>
          <summary className="nav-menu__toggle">{t("nav.menu")}</summary>
          <nav aria-label={t("nav.label")}>
            <ul>
              {nav.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>{t(item.label)}</NavLink>
                </li>
              ))}
              <li>
                <NavLink to="/notifications">
                  {t("nav.notifications")}
                  {unread > 0 ? (
                    <span className="badge nav-badge">
                      {unread}
                      <span className="visually-hidden"> {t("nav.notificationsUnread")}</span>
                    </span>
                  ) : null}
                </NavLink>
              </li>
              <li>
                <NavLink to="/account">{t("nav.account")}</NavLink>
              </li>
            </ul>
            <div className="nav-user">
              <span>
                {user.fullName} · {user.unitName}
              </span>
              <Form method="post" action="/logout">
                <button type="submit" className="button-link nav-user__logout">
                  {t("nav.logout")}
                </button>
              </Form>
            </div>
          </nav>
        </details>
      ) : null}
    </header>
  );
}
