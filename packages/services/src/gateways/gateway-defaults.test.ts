import { describe, expect, it } from "vitest";
import { createGateway, createTeam } from "@clawfleet/db/testing/factories";
import { testCaller, useServiceTestDeps } from "../testing/service-test-deps";
import { editGatewayDefaults, readGatewayDefaults, readGatewayModelSettings } from "./gateway-edits";

const deps = useServiceTestDeps();
const { db } = deps;

describe("editGatewayDefaults", () => {
  it("writes image and utility models and the models map, keeping an entry's other settings", async () => {
    const { id: teamId } = await createTeam(db);
    const gateway = await createGateway(db, { teamId });
    await db.gateway.update({
      where: { id: gateway.id },
      data: {
        defaultModels: {
          "anthropic/claude-opus-4-8": { alias: "opus", params: { cacheControlTtl: "1h" }, streaming: false },
          "anthropic/claude-haiku-4-5": { alias: "haiku" },
        },
      },
    });
    const caller = testCaller(teamId);
    const after = await editGatewayDefaults(deps, caller, {
      gatewayId: gateway.id,
      expectedVersion: gateway.version,
      edit: {
        model: { primary: "opus", fallbacks: [] },
        params: { temperature: 0.3 },
        imageModel: "openai/gpt-image-2",
        utilityModel: "anthropic/claude-haiku-4-5",
        models: { "anthropic/claude-opus-4-8": { alias: "opus", params: { cacheRetention: "long" } } },
      },
    });
    expect(after).toMatchObject({
      model: { primary: "opus", fallbacks: [] },
      params: { temperature: 0.3 },
      imageModel: "openai/gpt-image-2",
      utilityModel: "anthropic/claude-haiku-4-5",
      models: {
        "anthropic/claude-opus-4-8": { alias: "opus", params: { cacheRetention: "long" }, streaming: false },
      },
      version: gateway.version + 1,
    });
    expect(await readGatewayDefaults(deps, caller, { gatewayId: gateway.id })).toEqual(after);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { teamId, action: "gateway.update_defaults" },
    });
    expect(audit.after).toMatchObject({ imageModel: "openai/gpt-image-2" });
  });

  it("leaves the image and utility models and the models map alone when the edit does not name them", async () => {
    const { id: teamId } = await createTeam(db);
    const gateway = await createGateway(db, { teamId });
    await db.gateway.update({
      where: { id: gateway.id },
      data: { imageModel: "openai/gpt-image-2", defaultModels: { "a/b": { alias: "ab" } } },
    });
    const after = await editGatewayDefaults(deps, testCaller(teamId), {
      gatewayId: gateway.id,
      expectedVersion: gateway.version,
      edit: { model: null, params: {} },
    });
    expect(after).toMatchObject({
      model: null,
      imageModel: "openai/gpt-image-2",
      models: { "a/b": { alias: "ab" } },
    });
  });

  it("answers CONFLICT at a stale version and writes nothing", async () => {
    const { id: teamId } = await createTeam(db);
    const gateway = await createGateway(db, { teamId });
    await expect(
      editGatewayDefaults(deps, testCaller(teamId), {
        gatewayId: gateway.id,
        expectedVersion: gateway.version + 5,
        edit: { model: null, params: {}, imageModel: "a/b" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.gateway.findUniqueOrThrow({ where: { id: gateway.id } })).toMatchObject({
      imageModel: null,
      version: gateway.version,
    });
  });
});

describe("readGatewayModelSettings", () => {
  it("shows the defaults' models with each param's gateway layer", async () => {
    const { id: teamId } = await createTeam(db);
    const gateway = await createGateway(db, { teamId });
    await db.gateway.update({
      where: { id: gateway.id },
      data: {
        defaultParams: { temperature: 0.4 },
        defaultModels: { "anthropic/claude-opus-4-8": { alias: "opus" } },
      },
    });
    const settings = await readGatewayModelSettings(deps, testCaller(teamId), { gatewayId: gateway.id });
    expect(settings.effective.primary).toBe("anthropic/claude-opus-4-8");
    expect(settings.models[0]).toMatchObject({
      modelRef: "anthropic/claude-opus-4-8",
      roles: ["primary", "models-map"],
      params: { params: { temperature: { value: 0.4, source: "defaults" } } },
    });
  });
});
