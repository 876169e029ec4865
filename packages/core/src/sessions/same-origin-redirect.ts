/**
 * Where to send a browser after sign-in or sign-out (issue 12, finding 13): only somewhere on this console.
 * A relative path stays on it; an absolute URL counts only with exactly this origin (scheme, host and
 * port), so `http://localhost:3400.evil.example/` or `//evil.example` go to the console's home instead.
 */
export function sameOriginRedirect(target: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let resolved: URL;
  try {
    resolved = new URL(target, base);
  } catch {
    return base.origin + "/";
  }
  if (resolved.origin !== base.origin) return base.origin + "/";
  return resolved.href;
}
