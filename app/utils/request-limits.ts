// How much a request may send, by kind of address (decision 030). The HTTP
// layer (server/request-guard.ts) enforces these before anything parses a body;
// routes only show them (the upload pages' hints, the API's OpenAPI text).
export const KB = 1024;
export const MB = 1024 * KB;

/** JSON bodies of /api/. */
export const API_BODY_BYTES = 64 * KB;
/** A file sent to an upload address; the multipart envelope may add UPLOAD_ENVELOPE_BYTES. */
export const UPLOAD_FILE_BYTES = 10 * MB;
const UPLOAD_ENVELOPE_BYTES = 64 * KB;
/** Forms (and any other body) everywhere else. */
const FORM_BODY_BYTES = 1 * MB;
/** After a 413, at most this much more is received (and dropped) before the connection is cut. */
export const DISCARD_LIMIT_BYTES = 64 * MB;
/** Nesting of a JSON body: the API's bodies are flat objects. */
export const JSON_MAX_DEPTH = 32;

/** The addresses that take multipart uploads (with their React Router data URLs). */
const UPLOAD_PATHS: readonly string[] = ["/people/import", "/trainer/questions/import"];
/** Upload addresses with an id in them: a person's paper commitment and its scan (decision 044). */
const UPLOAD_PATTERNS: readonly RegExp[] = [/^\/people\/[1-9][0-9]{0,9}\/commitment$/];

export type BodyKind = "api" | "upload" | "form";

export function bodyKindOf(pathname: string): BodyKind {
  if (pathname.startsWith("/api/")) return "api";
  const page = pathname.replace(/\.data$/, "").replace(/\/+$/, "");
  return UPLOAD_PATHS.includes(page) || UPLOAD_PATTERNS.some((p) => p.test(page)) ? "upload" : "form";
}

export function bodyLimitOf(kind: BodyKind): number {
  if (kind === "api") return API_BODY_BYTES;
  if (kind === "upload") return UPLOAD_FILE_BYTES + UPLOAD_ENVELOPE_BYTES;
  return FORM_BODY_BYTES;
}

/** "64 KB", "1 MB": a limit as people read it. */
export function formatLimit(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / KB)} KB`;
}
