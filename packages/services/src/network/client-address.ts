import ipaddr from "ipaddr.js";

/** A parsed `CLAWFLEET_TRUSTED_PROXIES`: the addresses and ranges whose `X-Forwarded-For` is believed. */
export type TrustedProxies = readonly (readonly [ipaddr.IPv4 | ipaddr.IPv6, number])[];

/** The key used when no address can be read; every such request shares it (fails closed, never open). */
export const UNKNOWN_CLIENT_ADDRESS = "unknown";

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`, what a dual-stack socket reports) as plain IPv4. */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const trimmed = text.trim();
  if (!ipaddr.isValid(trimmed)) return null;
  return ipaddr.process(trimmed);
}

/**
 * Parses a comma-separated list of IP addresses and CIDR ranges (`127.0.0.1, 10.0.0.0/8, ::1`). An entry that
 * is neither is an error naming it, so a typo cannot silently trust nobody (or everybody).
 */
export function parseTrustedProxies(list: string | undefined): TrustedProxies {
  const entries = (list ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    if (entry.includes("/")) {
      if (!ipaddr.isValidCIDR(entry)) {
        throw new Error(`CLAWFLEET_TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR range.`);
      }
      const [range, bits] = ipaddr.parseCIDR(entry);
      // why: a mapped range (::ffff:10.0.0.0/104) is compared against plain IPv4 peers after `process`.
      return range.kind() === "ipv6" && (range as ipaddr.IPv6).isIPv4MappedAddress()
        ? ([(range as ipaddr.IPv6).toIPv4Address(), bits - 96] as const)
        : ([range, bits] as const);
    }
    const address = parseAddress(entry);
    if (!address)
      throw new Error(`CLAWFLEET_TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR range.`);
    return [address, address.kind() === "ipv4" ? 32 : 128] as const;
  });
}

function isTrusted(address: ipaddr.IPv4 | ipaddr.IPv6, proxies: TrustedProxies): boolean {
  return proxies.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}

/**
 * The address a request came from, decided once for every limit (checklist B8.3): the socket's peer, unless the
 * peer is a trusted proxy, in which case the right-most `X-Forwarded-For` entry that is not itself a trusted
 * proxy (entries left of it were written by the client and prove nothing). A client talking to us directly
 * cannot move its bucket with a forged header.
 */
export function resolveClientAddress({
  peer,
  forwardedFor,
  trustedProxies,
}: {
  peer: string | null;
  forwardedFor: string | null;
  trustedProxies: TrustedProxies;
}): string {
  const peerAddress = peer ? parseAddress(peer) : null;
  if (!peerAddress) return UNKNOWN_CLIENT_ADDRESS;
  if (!isTrusted(peerAddress, trustedProxies) || !forwardedFor) return peerAddress.toString();
  const hops = forwardedFor.split(",").reverse();
  let nearest = peerAddress;
  for (const hop of hops) {
    const address = parseAddress(hop);
    // A malformed hop was written by someone we do not trust: the last trusted hop's peer is the answer.
    if (!address) return nearest.toString();
    if (!isTrusted(address, trustedProxies)) return address.toString();
    nearest = address;
  }
  return nearest.toString();
}
