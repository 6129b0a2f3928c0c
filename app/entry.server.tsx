import { Writable } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import type { EntryContext, HandleErrorFunction } from "react-router";
import { isRouteErrorResponse, RouterContextProvider, ServerRouter } from "react-router";
import { DocumentHtmlProvider } from "~/components/document-html.tsx";
import { NonceProvider } from "~/components/nonce.tsx";
import { staticDocumentOf } from "~/components/static-document.ts";
import { documentHtmlContext, requestInfoContext, type RequestInfo } from "~/utils/context.server.ts";
import { isDatabaseOverloaded, isDatabaseUnavailable } from "~/utils/db.server.ts";

export const streamTimeout = 5_000;

// The lesson page's document, served ahead of React Router (server/template-document.ts, decision 070).
export { lessonDocument, lessonTemplateRenders } from "~/services/content/lesson-document.server.ts";
// The exam page's document, likewise (decision 083).
export { examDocument } from "~/services/exams/exam-document.server.ts";
// The exam page's autosave, answered ahead of React Router (server/exam-answers.ts, decision 082).
export { saveExamAnswers } from "~/services/exams/exam-answers.server.ts";
// So that the HTTP server's own handlers answer overload as pages do: 503, not 500 (decision 071).
export { isDatabaseOverloaded } from "~/utils/db.server.ts";

// Lets tests prove that page views never compile MDX (tests/integration/lesson-views.test.ts).
export { compilationCount } from "~/services/content/compile.server.ts";
// The dictionary script the root layout loads, answered by the HTTP server (decision 074).
export { messagesScript } from "~/i18n/index.ts";
// Called by server/serve.ts once the port is open: this build's own pool (server/ has its own copy of the module).
export { openConnections } from "~/utils/db.server.ts";

// The HTTP server builds each request's context through this export of the
// build, so that it uses the build's own context keys (server/app.ts).
export function createLoadContext(info: RequestInfo) {
  const context = new RouterContextProvider(new Map([[requestInfoContext, info]]));
  if (info.document) context.set(documentHtmlContext, new Map());
  return context;
}

/**
 * A loader's or action's error, logged once with its real message. Not when
 * the client went away: server/app.ts logs that request as aborted, at info.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  const real = isRouteErrorResponse(error) ? ((error as { error?: unknown }).error ?? error) : error;
  // An outage or an overload is one line per request (server/app.ts answers 503), not a stack.
  if (isDatabaseOverloaded(real)) {
    if (context instanceof RouterContextProvider) context.get(requestInfoContext).overloaded = true;
    const what = isDatabaseUnavailable(real) ? "database unavailable" : "database overloaded";
    console.warn(`${what}: ${real instanceof Error ? real.message : String(real)}`);
  } else console.error(real);
};

/**
 * Renders the whole document, then answers with it as one body (decision 020):
 * no page streams (no loader returns a promise, no Suspense in the app), and one
 * write per response costs far less than React's many small stream chunks, each
 * a socket write (and a compression flush) of its own.
 */
export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  const { nonce } = loadContext.get(requestInfoContext);
  const documentHtml = loadContext.get(documentHtmlContext) ?? new Map<string, string>();
  // A static document (decision 070) carries no hydration data: the root layout prints no <Scripts> for it either.
  const handles = routerContext.staticHandlerContext.matches.map((m) => routerContext.routeModules[m.route.id]?.handle);
  const context = staticDocumentOf(handles) ? { ...routerContext, serverHandoffStream: undefined } : routerContext;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <DocumentHtmlProvider value={documentHtml}>
          <ServerRouter context={context} url={request.url} nonce={nonce} />
        </DocumentHtmlProvider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true;
          const chunks: Buffer[] = [];
          const sink = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              const body = Buffer.concat(chunks);
              headers.set("Content-Type", "text/html; charset=utf-8");
              headers.set("Content-Length", String(body.length));
              clearTimeout(timer);
              resolve(new Response(body, { headers, status }));
              done();
            },
          });
          pipe(sink);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          status = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    const timer = setTimeout(abort, streamTimeout + 1000);
  });
}
