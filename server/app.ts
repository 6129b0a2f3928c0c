// The HTTP layer in front of React Router: security headers with a per-request
// CSP nonce (and HSTS when served over TLS), the Origin check for every non-GET
// request, the request guard (body limits, NUL, JSON depth), static files,
// request ids and access logs (a request the client dropped is "aborted", at
// info), /healthz, /readyz, /metrics, and a 503 while the database is away.
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import zlib from "node:zlib";
import compression from "compression";
import express from "express";
import type { Logger } from "pino";
import type { ServerBuild } from "react-router";
import type { RequestInfo, TemplateRender } from "../app/utils/context.server.ts";
import { strictTransportSecurity, type Env } from "../app/utils/env.server.ts";
import { apiRoutes } from "./api-handler.ts";
import { examAnswersHandler } from "./exam-answers.ts";
import { databaseReachable, healthPool, readiness, unavailableAnswer } from "./health.ts";
import { metricsEndpoint, requestMetrics } from "./metrics.ts";
import { reactRouterHandler } from "./react-router.ts";
import { templateDocumentHandler } from "./template-document.ts";
import { requestGuard } from "./request-guard.ts";

export function createApp(opts: { build: ServerBuild; buildDir: string; databaseUrl: string; log: Logger; env: Env }) {
  const app = express();
  app.disable("x-powered-by");
  // Whose X-Forwarded-For names the client (rate limits, audit): nobody's by default (decision 031).
  app.set("trust proxy", opts.env.TRUST_PROXY);
  const hsts = strictTransportSecurity(opts.env);
  const createLoadContext = (opts.build.entry.module as { createLoadContext?: (info: RequestInfo) => unknown }).createLoadContext;
  if (!createLoadContext) throw new Error("the build's entry.server lacks createLoadContext");
  const health = healthPool(opts.databaseUrl, (msg) => opts.log.warn(msg));
  const metrics = requestMetrics(opts.build);

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = (req.get("x-request-id") ?? "").slice(0, 64) || randomUUID();
    res.locals.requestId = requestId;
    res.locals.nonce = randomBytes(16).toString("base64");
    res.setHeader("X-Request-Id", requestId);
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      metrics.finished(req, res.statusCode, ms / 1000);
      opts.log.info({ requestId, method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms) }, "request");
    });
    // Closed before the answer was sent: the client went away (not a server error).
    res.on("close", () => {
      if (res.writableFinished) return;
      metrics.aborted(req);
      opts.log.info({ requestId, method: req.method, url: req.originalUrl }, "request aborted by the client");
    });
    next();
  });

  app.use((req, res, next) => {
    const nonce = res.locals.nonce as string;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    // The duty post's verifier reads QR codes with the camera (decision 068); no other page may ask.
    res.setHeader("Permissions-Policy", `camera=(${req.path === "/verify/scan" ? "self" : ""}), microphone=(), geolocation=()`);
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (hsts) res.setHeader("Strict-Transport-Security", hsts);
    next();
  });

  // CSRF defence: a state-changing request must come from our own origin.
  // SameSite=Lax cookies already stop most of it; this closes the rest.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const origin = req.get("origin");
    const host = req.get("host");
    // Without a cookie there is no ambient authority to abuse: API clients
    // authenticate each request with a bearer token (and get JSON errors).
    const cookieless = !req.get("cookie") && (/^Bearer /i.test(req.get("authorization") ?? "") || req.path.startsWith("/api/"));
    if (cookieless) return next();
    let sameOrigin = false;
    try {
      sameOrigin = !!origin && !!host && new URL(origin).host === host;
    } catch {
      sameOrigin = false;
    }
    if (!sameOrigin) {
      opts.log.warn({ requestId: res.locals.requestId, origin, host }, "cross-origin request refused");
      res.status(403).type("text/plain; charset=utf-8").send("Yêu cầu bị từ chối: nguồn gửi không hợp lệ (Origin).");
      return;
    }
    next();
  });

  app.use(requestGuard(opts.log));

  app.get("/healthz", (_req, res) => void res.set("Cache-Control", "no-store").json({ status: "ok" }));
  app.get("/readyz", readiness(health, opts.env.JOBS === "on"));
  app.get("/metrics", metricsEndpoint(opts.env.METRICS_TOKEN, health));

  // Levels chosen by measurement (decision 080, scripts/bench/compression.ts): brotli 2 and
  // gzip 3 take half the CPU of the defaults (4 and 6) for 5–10 % more bytes.
  app.use(compression({ level: 3, brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 2 } } }));
  app.get(/^\/assets\/i18n-(vi|en)-[0-9a-f]{16}\.js$/, messagesAsset(opts.build));
  const client = path.join(opts.buildDir, "client");
  app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y" }));
  // The other public files (favicon.svg) have an extension; page URLs do not, so
  // they skip a filesystem lookup (a system call per page view).
  const publicFiles = express.static(client, { maxAge: "1h", index: false });
  app.use((req, res, next) => (/\.[^/]*$/.test(req.path) ? publicFiles(req, res, next) : next()));

  // /api/v1 from its route modules' loaders and actions, without React Router's pipeline (decision 069).
  app.use(apiRoutes(opts.build, health));
  const loadContext = (req: express.Request, res: express.Response, template?: TemplateRender) =>
    createLoadContext(
      (res.locals.info = {
        nonce: template ? template.holes.nonce : res.locals.nonce,
        requestId: res.locals.requestId,
        ip: req.ip ?? "unknown",
        // React Router's client-side navigation asks for `<path>.data`; anything else renders a document.
        document: !req.path.endsWith(".data"),
        template,
      } satisfies RequestInfo),
    );
  app.get("/learn/:course/:lesson", templateDocumentHandler(opts.build, "lessonDocument", loadContext));
  app.get("/exams/:attemptId", templateDocumentHandler(opts.build, "examDocument", loadContext));
  app.post("/exams/:attemptId/answers", examAnswersHandler(opts.build, health));
  app.all(
    /.*/,
    reactRouterHandler(
      opts.build,
      loadContext,
      // A 500 that waited for the database in vain (overload, decision 071) or while it cannot be
      // reached is not a bug: 503 and Retry-After.
      async (req, res) =>
        (res.locals.info as RequestInfo).overloaded || !(await databaseReachable(health)) ? unavailableAnswer(req) : null,
    ),
  );

  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    opts.log.error({ err, requestId: res.locals.requestId }, "unhandled error");
    if (!res.headersSent) res.status(500).type("text/plain; charset=utf-8").send("Đã xảy ra lỗi máy chủ.");
  });

  let closed: Promise<void> | undefined;
  // Idempotent: a second SIGTERM (systemd signals the whole group) must not end the pool twice.
  return { app, close: () => (closed ??= health.end()) };
}

/** One language's dictionary as an immutable script (decision 074); an old release's name falls through to a 404. */
function messagesAsset(build: ServerBuild): express.RequestHandler {
  const messagesScript = (build.entry.module as { messagesScript?: (locale: "vi" | "en") => { path: string; body: string } })
    .messagesScript;
  if (!messagesScript) throw new Error("the build's entry.server lacks messagesScript");
  return (req, res, next) => {
    const script = messagesScript(req.params[0] as "vi" | "en");
    if (script.path !== req.path) return next();
    res.set("Cache-Control", "public, max-age=31536000, immutable").type("text/javascript; charset=utf-8").send(script.body);
  };
}
