/**
 * The page to come back to after signing in: a path on this console that the browser asked for while signed
 * out (a hand-off link, a deep link to an agent). Anything that could leave the console (`//evil.example`,
 * `/\evil.example`, an absolute URL, a scheme) or loop back to sign-in falls back to the fleet home.
 */
export const HOME_PATH = "/";

const MAX_RETURN_PATH_LENGTH = 2_048;
const PLACEHOLDER_ORIGIN = "http://console.invalid";

export function returnPathAfterSignIn(requested: string | null | undefined): string {
  if (!requested || requested.length > MAX_RETURN_PATH_LENGTH) return HOME_PATH;
  // why: browsers read `\` as `/`, so `/\evil.example` is protocol-relative, like `//evil.example`.
  if (!requested.startsWith("/") || requested.startsWith("//") || requested.startsWith("/\\"))
    return HOME_PATH;
  // eslint-disable-next-line no-control-regex -- control characters (tabs, newlines) are exactly what is refused
  if (/[\u0000-\u001f\u007f]/u.test(requested)) return HOME_PATH;
  let resolved: URL;
  try {
    resolved = new URL(requested, PLACEHOLDER_ORIGIN);
  } catch {
    return HOME_PATH;
  }
  if (resolved.origin !== PLACEHOLDER_ORIGIN) return HOME_PATH;
  if (resolved.pathname === "/login" || resolved.pathname.startsWith("/api/")) return HOME_PATH;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/** The sign-in page's address that brings the browser back to `path` afterwards. */
export function signInPathReturningTo(path: string): string {
  const returnPath = returnPathAfterSignIn(path);
  return returnPath === HOME_PATH ? "/login" : `/login?next=${encodeURIComponent(returnPath)}`;
}
