import { describe, expect, it } from "vitest";
import { gatewayEditSchema } from "./gateway-edit.schema";

const valid = {
  name: "prod-eu",
  stateDir: "~/.openclaw",
  homeDir: "/home/openclaw",
  openclawVersion: "2026.9.6",
};

describe("gatewayEditSchema", () => {
  it("accepts a typical gateway and trims it", () => {
    expect(gatewayEditSchema.parse({ ...valid, name: "  prod-eu " })).toEqual(valid);
  });

  it.each([
    [{ name: "" }, "name", "Name is required."],
    [{ name: "-dash" }, "name", "Name starts with a letter or digit"],
    [{ stateDir: "relative/path" }, "stateDir", "State dir is an absolute path"],
    [{ stateDir: "/a\u0000b" }, "stateDir", "control characters"],
    [{ homeDir: "~" }, "homeDir", "Home dir is an absolute path"],
    [{ openclawVersion: "latest" }, "openclawVersion", "version format"],
  ])("refuses %j at %s", (patch, path, message) => {
    const result = gatewayEditSchema.safeParse({ ...valid, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: [path],
      message: expect.stringContaining(message) as unknown,
    });
  });

  it("accepts prerelease versions", () => {
    expect(gatewayEditSchema.safeParse({ ...valid, openclawVersion: "2026.10.1-beta.2" }).success).toBe(true);
  });
});
