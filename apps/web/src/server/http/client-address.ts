import "server-only";
import {
  type TrustedProxies,
  UNKNOWN_CLIENT_ADDRESS,
  parseTrustedProxies,
  resolveClientAddress,
} from "@clawfleet/services/network/client-address";
import { serverEnv } from "../env";

let trustedProxies: TrustedProxies | undefined;
let warnedNoPeer = false;

/** Anything with `get(name)` on lower-cased header names: a `Request`'s or `next/headers`' headers. */
type HeaderReader = { get(name: string): string | null };

/**
 * The address this request came from, for every per-IP limit and audit row. The peer comes from the header
 * `server.mjs` overwrites on each request; without that server (e.g. `next dev`) no header can be believed, so
 * every request shares the `unknown` bucket rather than letting a client pick its own.
 */
export function clientAddressOf(headers: HeaderReader): string {
  const env = serverEnv();
  trustedProxies ??= parseTrustedProxies(env.CLAWFLEET_TRUSTED_PROXIES);
  const peerHeader = env.CLAWFLEET_PEER_ADDRESS_HEADER;
  if (!peerHeader) {
    if (!warnedNoPeer) {
      warnedNoPeer = true;
      console.warn(
        "[clawfleet] not started through apps/web/server.mjs: per-IP limits share one bucket (start with `npm run start:web`).",
      );
    }
    return UNKNOWN_CLIENT_ADDRESS;
  }
  return resolveClientAddress({
    peer: headers.get(peerHeader),
    forwardedFor: headers.get("x-forwarded-for"),
    trustedProxies,
  });
}
