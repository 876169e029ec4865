/**
 * A re-auth through the connector, against a real Postgres: the pasted credential becomes one `credential.push`
 * job per covered profile (no secret in it), the secret travels only in the delivery, the host's answer moves
 * the request to `pushed` (or `failed`), and the host's next real report verifies it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createProfile, fakeApiKey } from "@clawfleet/db/testing/factories";
import { fixturesRoot } from "@clawfleet/db/testing/openclaw-fixtures";
import { describe, expect, it } from "vitest";
import { requestReauth, submitReauthCredential } from "../reauth/reauth-workflow";
import { connectorTeam, enrolHostAgent, rowsAsText } from "../testing/host-agent-fixtures";
import { testSecretBox, useServiceTestClock } from "../testing/service-test-deps";
import { recordHostReports } from "./host-reports";
import { deliverHostJobs, recordHostJobOutcome } from "./host-jobs";

const T0 = new Date("2026-12-01T09:00:00Z");
const { deps, setNow, at } = useServiceTestClock(T0);
const { db } = deps;

/** The real `models status --json` of fixture 01: `anthropic:default`, an API key, healthy (static). */
const realStatus = JSON.parse(
  readFileSync(path.join(fixturesRoot, "01-anthropic-api-key", "output", "stdout.json"), "utf8"),
) as unknown;

const NEW_KEY = fakeApiKey("PUSHED");

/** Every row the connector and the re-auth write, as text: the plaintext must be in none of them. */
async function storedTextOf(teamId: string): Promise<string> {
  const rows = await Promise.all([
    db.hostJob.findMany({ where: { teamId } }),
    db.auditEvent.findMany({ where: { teamId } }),
    db.reauthEvent.findMany({ where: { teamId } }),
    db.outboxJob.findMany({ where: { teamId } }),
  ]);
  return rowsAsText(rows);
}

async function submittedReauth({ connected = true }: { connected?: boolean } = {}) {
  setNow(T0);
  const team = await connectorTeam(db);
  const enrolled = connected ? await enrolHostAgent(deps, team) : null;
  const profile = await createProfile(db, testSecretBox, {
    teamId: team.team.id,
    gatewayId: team.gateway.id,
    profileId: "anthropic:default",
    secrets: { key: fakeApiKey("OLD") },
  });
  const requested = await requestReauth(deps, team.caller, {
    target: { authProfileIds: [profile.id] },
    method: "api_key",
  });
  await submitReauthCredential(
    deps,
    { actor: { id: team.admin.id, label: team.admin.email }, requestId: "paste" },
    { token: requested.link.token, submissionKey: crypto.randomUUID(), credential: NEW_KEY },
  );
  const state = async () =>
    (await db.reauthRequest.findUniqueOrThrow({ where: { id: requested.requestId } })).state;
  const timeline = async () =>
    db.reauthEvent.findMany({ where: { requestId: requested.requestId }, orderBy: { createdAt: "asc" } });
  return {
    ...team,
    hostAgent: enrolled?.hostAgent ?? null,
    profile,
    requestId: requested.requestId,
    state,
    timeline,
  };
}

describe("a re-auth on a gateway with a host agent", () => {
  it("is pushed by a job without the secret, delivered with it, then verified by the host's report", async () => {
    const reauth = await submittedReauth();
    if (!reauth.hostAgent) throw new Error("enrolled");
    const [job] = await db.hostJob.findMany({ where: { teamId: reauth.team.id } });
    expect(job).toMatchObject({
      kind: "credential.push",
      state: "queued",
      originType: "reauth_request",
      originId: reauth.requestId,
      payload: {
        kind: "credential.push",
        authProfileId: reauth.profile.id,
        profileId: "anthropic:default",
        provider: "anthropic",
        type: "api_key",
        storeAgentKey: null,
        expiresAt: null,
        reauthRequestId: reauth.requestId,
      },
    });
    expect(await reauth.state()).toBe("applied");
    expect(await storedTextOf(reauth.team.id)).not.toContain(NEW_KEY);

    setNow(at(1_000));
    const delivery = await deliverHostJobs(deps, reauth.hostAgent, { resumed: false });
    expect(delivery?.jobs).toEqual([{ jobId: job?.id, attempt: 1, payload: job?.payload, secret: NEW_KEY }]);
    expect(await storedTextOf(reauth.team.id)).not.toContain(NEW_KEY);

    setNow(at(2_000));
    await recordHostJobOutcome(deps, reauth.hostAgent, job?.id ?? "", {
      attempt: 1,
      outcome: {
        status: "applied",
        result: {
          summary: "Stored anthropic:default (api_key) in the shared store",
          profileId: "anthropic:default",
        },
      },
    });
    expect(await reauth.state()).toBe("pushed");
    const pushed = (await reauth.timeline()).find((event) => event.kind === "pushed");
    expect(pushed?.detail).toMatchObject({ profiles: ["anthropic:default"] });

    setNow(at(3_000));
    const recorded = await recordHostReports(
      deps,
      reauth.hostAgent,
      { reports: [{ agentKey: "main", takenAt: at(3_000).toISOString(), status: realStatus }] },
      { requestId: "report" },
    );
    expect(recorded).toEqual({ stored: 1, refused: [], gatewayStateStored: false });
    expect(await reauth.state()).toBe("verified");
    expect(await storedTextOf(reauth.team.id)).not.toContain(NEW_KEY);
  });

  it("fails with OpenClaw's message when the host refuses the push", async () => {
    const reauth = await submittedReauth();
    if (!reauth.hostAgent) throw new Error("enrolled");
    const [delivered] = (await deliverHostJobs(deps, reauth.hostAgent, { resumed: false }))?.jobs ?? [];
    const message = 'Profile "anthropic:default" is inherited from the shared store; refusing to overwrite.';
    await recordHostJobOutcome(deps, reauth.hostAgent, delivered?.jobId ?? "", {
      attempt: 1,
      outcome: {
        status: "failed",
        error: { code: "INVALID_REQUEST", message, source: "models.authSetApiKey" },
      },
    });
    expect(await reauth.state()).toBe("failed");
    const failed = (await reauth.timeline()).find((event) => event.kind === "failed");
    expect(failed?.detail).toMatchObject({
      message,
      code: "INVALID_REQUEST",
      profileId: "anthropic:default",
    });
  });

  it("fails the push at delivery, without a secret, when the console no longer holds one", async () => {
    const reauth = await submittedReauth();
    if (!reauth.hostAgent) throw new Error("enrolled");
    await db.authProfileSecret.deleteMany({ where: { authProfileId: reauth.profile.id } });
    expect((await deliverHostJobs(deps, reauth.hostAgent, { resumed: false }))?.jobs).toEqual([]);
    const job = await db.hostJob.findFirstOrThrow({ where: { teamId: reauth.team.id } });
    expect(job).toMatchObject({ state: "failed", error: { code: "credential_missing" } });
    expect(await reauth.state()).toBe("failed");
  });
});

describe("a re-auth on a gateway without a host agent", () => {
  it("stays applied in the console and queues no job", async () => {
    const reauth = await submittedReauth({ connected: false });
    expect(await reauth.state()).toBe("applied");
    expect(await db.hostJob.count({ where: { teamId: reauth.team.id } })).toBe(0);
  });
});
