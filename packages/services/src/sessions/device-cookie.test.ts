import { describe, expect, it } from "vitest";
import { issueDeviceCookie, verifyDeviceCookie } from "./device-cookie";

const secret = "a-test-secret-of-enough-length-for-hmac";

describe("device cookies", () => {
  it("verify for the account they were issued for, whatever the email's case", () => {
    const cookie = issueDeviceCookie(secret, "Owner@Example.test");
    expect(verifyDeviceCookie(secret, cookie, "owner@example.test")).toBe(cookie.split(".")[0]);
  });

  it("do not verify for another account, under another secret, or when forged or mangled", () => {
    const cookie = issueDeviceCookie(secret, "owner@example.test");
    const [deviceId] = cookie.split(".");
    expect(verifyDeviceCookie(secret, cookie, "attacker@example.test")).toBeNull();
    expect(verifyDeviceCookie("another-secret-entirely-0123456789", cookie, "owner@example.test")).toBeNull();
    expect(verifyDeviceCookie(secret, `${deviceId}.forged`, "owner@example.test")).toBeNull();
    expect(verifyDeviceCookie(secret, `other${cookie}`, "owner@example.test")).toBeNull();
    expect(verifyDeviceCookie(secret, `${cookie}.extra`, "owner@example.test")).toBeNull();
    expect(verifyDeviceCookie(secret, undefined, "owner@example.test")).toBeNull();
  });

  it("gives every sign-in a new device id", () => {
    expect(issueDeviceCookie(secret, "a@example.test")).not.toBe(issueDeviceCookie(secret, "a@example.test"));
  });
});
