import { useEffect } from "react";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/root";
import { AppHeader } from "~/components/app-header.tsx";
import { useNonce } from "~/components/nonce.tsx";
import { useStaticDocument } from "~/components/static-document.ts";
import { navFor } from "~/components/nav.ts";
import { unreadCount } from "~/services/notifications.server.ts";
import { hasDuties } from "~/services/roster/my-duties.server.ts";
import { sessionMiddleware } from "~/utils/auth.server.ts";
import { flashContext, flashMiddleware } from "~/utils/flash.server.ts";
import {
  hasDutiesContext,
  headerTemplateKey,
  localeContext,
  requestInfoContext,
  unreadNotificationsContext,
  userContext,
} from "~/utils/context.server.ts";
import { loadedLocale, messagesScript } from "~/i18n/index.ts";
import { useT } from "~/utils/use-t.ts";
import stylesHref from "./styles.css?url";

// Both act only on a cookie: /api/v1 requests without one skip them (server/api-handler.ts, decision 069).
export const middleware: Route.MiddlewareFunction[] = [sessionMiddleware, flashMiddleware];

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ context }: Route.LoaderArgs) {
  const user = context.get(userContext);
  // Usually read with the session by the middleware (no extra round trip).
  const unread = user ? (context.get(unreadNotificationsContext) ?? (await unreadCount(user.personId))) : 0;
  const locale = context.get(localeContext);
  const nav =
    user && !user.mustChangePassword
      ? navFor(user.grants, { hasDuties: context.get(hasDutiesContext) ?? (await hasDuties(user.personId)) })
      : [];
  const flash = context.get(flashContext);
  // Rendering a document's template (decisions 070 and 083): the person's name and
  // unit and the page's own address (the language switch returns to it) are holes,
  // and the template is kept only for this header.
  const template = context.get(requestInfoContext).template;
  if (template && !flash) template.header = headerTemplateKey(locale, nav, unread);
  const names = template ? { fullName: template.holes.name, unitName: template.holes.unit } : user;
  return {
    locale,
    user: user && names && { fullName: names.fullName, unitName: names.unitName, mustChangePassword: user.mustChangePassword },
    nav,
    unreadNotifications: unread,
    flash,
    templatePath: template ? template.holes.path : null,
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? "vi";
  const t = useT();
  const staticDocument = useStaticDocument();
  // The page carries one language's dictionary: after a switch of language, load the page anew.
  useEffect(() => {
    if (loadedLocale && loadedLocale !== locale) window.location.reload();
  }, [locale]);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {/* Stylesheets need no nonce (style-src 'self'). An explicit "" keeps React
            Router from stamping the request nonce, which the client cannot know
            and which would fail hydration. */}
        <Links nonce="" />
        {/* This page's language only, read by the browser's i18n (app/i18n/index.client.ts): a
            cached script that runs before the app's modules, which are deferred (decision 074). The
            browser hides a nonce from scripts, so hydration sees none: as React Router's own scripts.
            A static document (decision 070) runs no React in the browser: it needs neither. */}
        {staticDocument ? null : <script id="kt1-messages" nonce={nonce} src={messagesScript(locale).path} suppressHydrationWarning />}
      </head>
      <body>
        {children}
        {staticDocument ? (
          <script nonce={nonce} dangerouslySetInnerHTML={{ __html: staticDocument.staticScript(t) }} />
        ) : (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        )}
      </body>
    </html>
  );
}

export default function App({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("layout.skip")}
      </a>
      <AppHeader
        user={loaderData.user}
        nav={loaderData.nav}
        locale={loaderData.locale}
        unread={loaderData.unreadNotifications}
        templatePath={loaderData.templatePath}
      />
      <main id="main" className="page">
        {loaderData.flash ? (
          <p role="status" className="alert alert--ok">
            {t(loaderData.flash.key, loaderData.flash.params)}
          </p>
        ) : null}
        <Outlet />
      </main>
      <footer className="site-footer">{t("layout.footer")}</footer>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key =
    status === 404 ? "error.404" : status === 403 ? "error.403" : status === 401 ? "error.401" : status === 503 ? "error.503" : "error.500";
  // Never render the error itself: messages and stacks can leak internals.
  // Logged in the browser only: the server logs the unsanitised error itself, and not
  // for a request the client dropped (entry.server.tsx handleError).
  if (status >= 500 && typeof document !== "undefined") console.error(error);
  return (
    <main id="main" className="page error-page">
      <h1>{t(`${key}.title`)}</h1>
      <p>{t(`${key}.body`)}</p>
      <p>
        <a href="/">{t("error.home")}</a>
      </p>
    </main>
  );
}
