/**
 * The console's Content Security Policy. Pages get a fresh nonce per request (proxy.ts): Next.js stamps it on
 * its own scripts, and `'strict-dynamic'` lets those load the bundles they import, so no inline or injected
 * script without the nonce runs. API answers are data, never documents: they allow nothing at all.
 */

/**
 * The stylesheet sonner (the toasts) injects as a `<style>` element when it loads, which cannot carry the nonce: it
 * is allowed by its hash (and the empty element it first appends, by the empty string's). The test beside this file
 * recomputes both from the installed sonner, so an upgrade that changes its CSS fails there, not in a browser.
 */
export const TOAST_STYLE_HASHES = [
  "sha256-StEaX+se6YS7pqjzrzMIA0KaX9zF/8zAhvQXZAe5epY=",
  "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
] as const;

/** The policy of a page rendered with `nonce`; `development` adds the `eval` React's dev tooling needs. */
export function pageContentSecurityPolicy(nonce: string, { development = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}' ${TOAST_STYLE_HASHES.map((hash) => `'${hash}'`).join(" ")}`,
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
