import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import type { EntryContext } from "react-router";
import { RouterContextProvider, ServerRouter } from "react-router";
import { NonceProvider } from "~/components/nonce.tsx";
import { requestInfoContext, type RequestInfo } from "~/utils/context.server.ts";

export const streamTimeout = 5_000;

// Lets tests prove that page views never compile MDX (tests/integration/lesson-views.test.ts).
export { compilationCount } from "~/services/content/compile.server.ts";

// The HTTP server builds each request's context through this export of the
// build, so that it uses the build's own context keys (server/app.ts).
export function createLoadContext(info: RequestInfo) {
  return new RouterContextProvider(new Map([[requestInfoContext, info]]));
}

export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  const { nonce } = loadContext.get(requestInfoContext);
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Bots and no-JS clients get the whole page at once; browsers get a stream.
    const readyEvent = isbot(request.headers.get("user-agent") ?? "") || routerContext.isSpaMode ? "onAllReady" : "onShellReady";
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          headers.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          status = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}
