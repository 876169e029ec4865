import { describe, expect, it } from "vitest";
import {
  isReachableWebhookAddress,
  parseAllowedNetworks,
  webhookDestinationProblem,
} from "./webhook-destination";

describe("webhookDestinationProblem", () => {
  // Every spelling the attacker's review used; the URL parser and this rule together must refuse each.
  it.each([
    ["http://127.0.0.1:3000/", "loopback"],
    ["http://127.1:3000/", "loopback"],
    ["http://2130706433:3000/", "loopback"],
    ["http://0x7f000001:3000/", "loopback"],
    ["http://0177.0.0.1/", "loopback"],
    ["http://[::1]:3000/", "loopback"],
    ["http://[::ffff:127.0.0.1]/", "loopback"],
    ["http://[::ffff:a9fe:a9fe]/latest/meta-data/", "link-local"],
    ["http://169.254.169.254/latest/meta-data/", "link-local"],
    ["http://10.0.0.5/hook", "private"],
    ["http://172.16.3.4/hook", "private"],
    ["http://192.168.1.1/hook", "private"],
    ["http://[fd00::1]/hook", "private"],
    ["http://[fe80::1]/hook", "link-local"],
    ["http://0.0.0.0:3000/", "unspecified"],
    ["http://100.64.0.1/", "reserved"],
  ])("refuses %s as %s", (url, kind) => {
    expect(webhookDestinationProblem(url, [])).toContain(kind);
  });

  it.each([
    "http://localhost:3000/",
    "http://LOCALHOST./",
    "http://app.localhost/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://metadata/",
  ])("refuses the internal name %s", (url) => {
    expect(webhookDestinationProblem(url, [])).toMatch(/names this machine or a metadata service/u);
  });

  it("accepts public addresses and names (names are checked again after DNS, at delivery)", () => {
    expect(webhookDestinationProblem("https://hooks.slack.com/services/T0/B0/x", [])).toBeNull();
    expect(webhookDestinationProblem("https://93.184.216.34/hook", [])).toBeNull();
    expect(webhookDestinationProblem("https://[2606:4700::1111]/hook", [])).toBeNull();
  });

  it("accepts an internal receiver inside a network the install allows, and nothing next to it", () => {
    const allowed = ["10.20.0.0/16", "127.0.0.1"];
    expect(webhookDestinationProblem("http://10.20.30.40/hook", allowed)).toBeNull();
    expect(webhookDestinationProblem("http://127.0.0.1:8080/hook", allowed)).toBeNull();
    expect(webhookDestinationProblem("http://127.1:8080/hook", allowed)).toBeNull();
    expect(webhookDestinationProblem("http://10.21.0.1/hook", allowed)).toContain("private");
    expect(webhookDestinationProblem("http://127.0.0.2/hook", allowed)).toContain("loopback");
    expect(webhookDestinationProblem("http://169.254.169.254/", allowed)).toContain("CLAWFLEET_WEBHOOK");
  });
});

describe("isReachableWebhookAddress (applied to every resolved address at delivery)", () => {
  it("admits public unicast only, unless allowed", () => {
    expect(isReachableWebhookAddress("93.184.216.34", [])).toBe(true);
    expect(isReachableWebhookAddress("::ffff:169.254.169.254", [])).toBe(false);
    expect(isReachableWebhookAddress("::ffff:10.0.0.1", ["10.0.0.0/8"])).toBe(true);
    expect(isReachableWebhookAddress("10.0.0.1", ["::ffff:10.0.0.0/104"])).toBe(true);
    expect(isReachableWebhookAddress("::1", ["127.0.0.1"])).toBe(false);
    expect(isReachableWebhookAddress("not an address", [])).toBe(false);
  });
});

describe("parseAllowedNetworks", () => {
  it("reads IPs and CIDRs separated by commas or spaces", () => {
    expect(parseAllowedNetworks(" 10.0.0.0/8, 127.0.0.1  fd00::/8 ")).toEqual({
      ok: true,
      networks: ["10.0.0.0/8", "127.0.0.1", "fd00::/8"],
    });
    expect(parseAllowedNetworks(undefined)).toEqual({ ok: true, networks: [] });
  });

  it("names every entry it cannot read", () => {
    expect(parseAllowedNetworks("10.0.0.0/8, intranet, 10.0.0.0/99")).toEqual({
      ok: false,
      message: expect.stringContaining('"intranet", "10.0.0.0/99"') as string,
    });
  });
});
