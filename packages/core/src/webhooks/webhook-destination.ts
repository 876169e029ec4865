/**
 * Where a team webhook may point. A webhook is a request the console's own network sends on a team admin's
 * behalf, so an address inside that network (loopback, private ranges, link-local cloud metadata, …) would let
 * one tenant probe or call the install's internals (SSRF). Only public unicast addresses are reachable, except
 * networks the install's operator lists in `CLAWFLEET_WEBHOOK_ALLOWED_NETWORKS` for internal receivers.
 *
 * This module decides from literal addresses and names; the delivery checks every address DNS returns, on
 * every connection, with the same rule (a name can resolve anywhere, and differently each time).
 */
import ipaddr from "ipaddr.js";

export const WEBHOOK_ALLOWED_NETWORKS_VARIABLE = "CLAWFLEET_WEBHOOK_ALLOWED_NETWORKS";

/** Names that always mean this machine or a cloud metadata service, whatever DNS says. */
const INTERNAL_HOST_NAMES = new Set([
  "localhost",
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "instance-data",
  "instance-data.ec2.internal",
]);

export type AllowedNetworks = { ok: true; networks: string[] } | { ok: false; message: string };

/**
 * The operator's list of internal networks webhooks may reach: IPs or CIDRs separated by commas or spaces.
 * Unset or empty means none.
 */
export function parseAllowedNetworks(text: string | undefined): AllowedNetworks {
  const entries = (text ?? "").split(/[\s,]+/u).filter((entry) => entry !== "");
  const invalid = entries.filter((entry) => !ipaddr.isValid(entry) && !isValidCidr(entry));
  if (invalid.length > 0)
    return {
      ok: false,
      message: `${WEBHOOK_ALLOWED_NETWORKS_VARIABLE} lists ${invalid.map((entry) => `"${entry}"`).join(", ")}, which ${invalid.length === 1 ? "is" : "are"} not an IP address or CIDR (e.g. 10.0.0.0/8).`,
    };
  return { ok: true, networks: entries };
}

function isValidCidr(entry: string): boolean {
  try {
    ipaddr.parseCIDR(entry);
    return true;
  } catch {
    return false;
  }
}

/** The address as ipaddr.js reads it, with an IPv4-mapped IPv6 address (`::ffff:a9fe:a9fe`) seen as its IPv4. */
function normalisedAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const parsed = ipaddr.parse(address);
  return parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress() ? parsed.toIPv4Address() : parsed;
}

function inAllowedNetwork(address: ipaddr.IPv4 | ipaddr.IPv6, networks: readonly string[]): boolean {
  return networks.some((network) => {
    const [base, prefix] = network.includes("/")
      ? ipaddr.parseCIDR(network)
      : ([ipaddr.parse(network), ipaddr.parse(network).kind() === "ipv4" ? 32 : 128] as const);
    const comparableBase =
      base instanceof ipaddr.IPv6 && base.isIPv4MappedAddress() ? base.toIPv4Address() : base;
    if (comparableBase.kind() !== address.kind()) return false;
    const adjustedPrefix = comparableBase === base ? prefix : prefix - 96;
    return address.match(comparableBase, adjustedPrefix);
  });
}

/**
 * Whether the console may connect to `address` (an IP in any textual form ipaddr.js accepts): a public unicast
 * address, or one inside an allowed network.
 */
export function isReachableWebhookAddress(address: string, allowedNetworks: readonly string[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = normalisedAddress(address);
  return parsed.range() === "unicast" || inAllowedNetwork(parsed, allowedNetworks);
}

function describeRange(address: ipaddr.IPv4 | ipaddr.IPv6): string {
  const range = address.range();
  if (range === "loopback") return "a loopback address (this machine)";
  if (range === "private" || range === "uniqueLocal") return "a private-network address";
  if (range === "linkLocal") return "a link-local address (cloud metadata lives there)";
  if (range === "unspecified") return "the unspecified address";
  return `a reserved address (${range})`;
}

const ALLOW_HINT = `An administrator of this Clawfleet install can allow internal receivers with ${WEBHOOK_ALLOWED_NETWORKS_VARIABLE}.`;

/**
 * Why `url` cannot be a team webhook, or null. `url` has passed the URL schema (http/https). The WHATWG URL
 * parser has already turned every IPv4 spelling (`127.1`, `2130706433`, `0x7f000001`) into dotted form.
 */
export function webhookDestinationProblem(url: string, allowedNetworks: readonly string[]): string | null {
  const hostname = new URL(url).hostname.toLowerCase().replace(/\.$/u, "");
  const literal = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
  if (ipaddr.isValid(literal)) {
    if (isReachableWebhookAddress(literal, allowedNetworks)) return null;
    return `The webhook must reach a public address; ${literal} is ${describeRange(normalisedAddress(literal))}. ${ALLOW_HINT}`;
  }
  if (INTERNAL_HOST_NAMES.has(hostname) || hostname.endsWith(".localhost"))
    return `The webhook must reach a public address; ${hostname} names this machine or a metadata service.`;
  return null;
}
