import "server-only";

/**
 * CSRF guard for state-changing requests: the browser's Origin (or, failing that, Sec-Fetch-Site) must
 * say the request comes from this site. `Origin: null` (sandboxed frames, some redirects) is refused.
 */
export function isSameOriginRequest(request: Request): boolean {
  if (request.method === "GET" || request.method === "HEAD") return true;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin !== null) {
    if (origin === "null" || !host) return false;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return request.headers.get("sec-fetch-site") === "same-origin";
}
