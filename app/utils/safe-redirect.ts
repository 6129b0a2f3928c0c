// The one check for a redirect target that comes from the request (redirectTo
// on /login and /lang). Browsers strip tabs and newlines from a Location and
// read "\" as "/", so "/\t/evil.example" or "/\evil.example" would leave our
// origin: only a plain same-origin path passes, anything else gets `fallback`.
const BASE = "http://x.invalid";

function isSafeRedirect(to: unknown): to is string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return false;
  if (!to.startsWith("/") || to.startsWith("//")) return false;
  // Control characters (\x00-\x1f, \x7f) and backslashes, anywhere.
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return false;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return false;
  }
  if (url.origin !== BASE) return false;
  // The path once decoded must pass too: "/%09/evil.example" or "/%2F/evil"
  // turn into the raw forms above in any code that decodes and redirects again.
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return false;
  }
  return !path.startsWith("//") && !/[\u0000-\u001f\u007f\\]/.test(path) && !/^\/[\s/\\]/.test(path);
}

/** `to` when it is a same-origin path, else `fallback` (the role's home, or "/"). */
export function safeRedirect(to: unknown, fallback = "/"): string {
  return isSafeRedirect(to) ? to : fallback;
}
