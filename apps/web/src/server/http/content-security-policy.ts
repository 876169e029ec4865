/**
 * The console's Content Security Policy. Pages get a fresh nonce per request (proxy.ts): Next.js stamps it on
 * its own scripts, and `'strict-dynamic'` lets those load the bundles they import, so no inline or injected
 * script without the nonce runs. API answers are data, never documents: they allow nothing at all.
 */

/** The policy of a page rendered with `nonce`; `development` adds the `eval` React's dev tooling needs. */
export function pageContentSecurityPolicy(nonce: string, { development = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // why: a few bars set their width with a style attribute; attributes cannot carry a nonce and cannot run
    // script, so allowing them costs no script injection.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** For API routes and anything that is not a page. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
