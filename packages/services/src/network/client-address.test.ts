import { describe, expect, it } from "vitest";
import { UNKNOWN_CLIENT_ADDRESS, parseTrustedProxies, resolveClientAddress } from "./client-address";

const none = parseTrustedProxies(undefined);
const loopbackProxy = parseTrustedProxies("127.0.0.1, 10.0.0.0/8, ::1");

describe("the client address", () => {
  it("ignores X-Forwarded-For from a peer that is not a trusted proxy, so a forged header keeps the bucket", () => {
    for (const forwardedFor of [null, "203.0.113.9", "198.51.100.1, 203.0.113.9", "garbage"]) {
      expect(resolveClientAddress({ peer: "192.0.2.44", forwardedFor, trustedProxies: none })).toBe(
        "192.0.2.44",
      );
      expect(resolveClientAddress({ peer: "192.0.2.44", forwardedFor, trustedProxies: loopbackProxy })).toBe(
        "192.0.2.44",
      );
    }
  });

  it("behind a trusted proxy takes the right-most untrusted forwarded entry, not the client-written left ones", () => {
    expect(
      resolveClientAddress({
        peer: "127.0.0.1",
        forwardedFor: "1.1.1.1, 203.0.113.9, 10.1.2.3",
        trustedProxies: loopbackProxy,
      }),
    ).toBe("203.0.113.9");
    expect(
      resolveClientAddress({
        peer: "::ffff:127.0.0.1",
        forwardedFor: "203.0.113.9",
        trustedProxies: loopbackProxy,
      }),
    ).toBe("203.0.113.9");
    expect(
      resolveClientAddress({ peer: "::1", forwardedFor: "2001:db8::1", trustedProxies: loopbackProxy }),
    ).toBe("2001:db8::1");
  });

  it("falls back to the nearest trusted hop when the forwarded chain is all trusted, missing or malformed", () => {
    expect(
      resolveClientAddress({ peer: "127.0.0.1", forwardedFor: null, trustedProxies: loopbackProxy }),
    ).toBe("127.0.0.1");
    expect(
      resolveClientAddress({ peer: "127.0.0.1", forwardedFor: "10.0.0.7", trustedProxies: loopbackProxy }),
    ).toBe("10.0.0.7");
    expect(
      resolveClientAddress({ peer: "127.0.0.1", forwardedFor: "x, 10.0.0.7", trustedProxies: loopbackProxy }),
    ).toBe("10.0.0.7");
  });

  it("shares one bucket for requests whose peer cannot be read, rather than giving each its own", () => {
    expect(resolveClientAddress({ peer: null, forwardedFor: "203.0.113.9", trustedProxies: none })).toBe(
      UNKNOWN_CLIENT_ADDRESS,
    );
  });

  it("refuses a trusted-proxy list with an entry that is not an address or range, naming it", () => {
    expect(() => parseTrustedProxies("127.0.0.1, localhost")).toThrow('"localhost" is not an IP address');
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow('"10.0.0.0/33"');
    expect(parseTrustedProxies(" ")).toEqual([]);
  });
});
