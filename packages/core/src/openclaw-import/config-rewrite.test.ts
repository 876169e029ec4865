import { describe, expect, it } from "vitest";

import { applyConfigRewrite, offerConfigRewrite } from "./config-rewrite";

const refused = '{ env: { ANTHROPIC_API_KEY: "sk-ant-secret" } }';

describe("the import's config rewrite", () => {
  it("finds openclaw.json under the chosen folder's name, and offers names only", () => {
    const files = [{ path: "rendered-input/openclaw.json", text: refused }];
    const offer = offerConfigRewrite(files);
    expect(offer).toMatchObject({ movedKeys: ["ANTHROPIC_API_KEY"], keptKeys: [] });
    expect(JSON.stringify(offer)).not.toContain("sk-ant-secret");
  });

  it("applies the rewrite to the config only, leaving the other files as they were", () => {
    const store = { path: "state/shared-auth-profiles.json", text: '{"version":1,"profiles":{}}' };
    const { files, applied } = applyConfigRewrite([{ path: "state/openclaw.json", text: refused }, store]);
    expect(applied?.movedKeys).toEqual(["ANTHROPIC_API_KEY"]);
    expect(files).toEqual([
      {
        path: "openclaw.json",
        text: `${JSON.stringify({ env: { vars: { ANTHROPIC_API_KEY: "sk-ant-secret" } } }, null, 2)}\n`,
      },
      { path: "shared-auth-profiles.json", text: store.text },
    ]);
  });

  it("changes nothing when the config needs no rewrite", () => {
    const files = [{ path: "openclaw.json", text: "{}" }];
    expect(offerConfigRewrite(files)).toBeNull();
    expect(applyConfigRewrite(files)).toEqual({ files, applied: null });
  });
});
