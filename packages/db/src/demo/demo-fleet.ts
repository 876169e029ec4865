/**
 * The demo fleet `npm start` serves: one team, three people (one per role), two gateways and about fifty
 * agents with a realistic mix of auth profiles. Every secret is fake and says so.
 */
import { createAuthProfile, findOrCreateSharedStore } from "../auth-profile.repository";
import type { DbClient } from "../client";
import { inTransaction } from "../client";
import { hashPassword } from "../password";
import type { SecretBox } from "../secret-box";
import { DEMO_PASSWORD, DEMO_TEAM_SLUG, DEMO_USERS } from "./demo-credentials";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A fake secret with OpenClaw's prefix, unique per use, and visibly marked DEMO. */
function fakeSecret(prefix: string, label: string): string {
  const body = `DEMO${label.replace(/[^A-Za-z0-9]/g, "")}`.padEnd(72, "x");
  return `${prefix}${body}AA`;
}

const DEPARTMENTS = ["support", "sales", "research", "ops", "billing", "docs"] as const;
/**
 * prod-eu's research agents (indexes 2, 8 and 14) share one team setup-token, pasted into each one's own
 * store; it was revoked upstream, so all three copies failed auth and are cooling down: the re-auth demo.
 */
const RESEARCH_POD_AGENTS: ReadonlySet<number> = new Set([2, 8, 14]);
const RESEARCH_POD_PROFILE = "anthropic:research-pod";
const ROLES_OF_AGENTS = [
  "triage",
  "writer",
  "reviewer",
  "planner",
  "analyst",
  "helper",
  "scribe",
  "scout",
] as const;

/**
 * A mix of model choices: most agents follow the gateway, some pin a primary with fallbacks, some are
 * strict; staging's last agent was moved to a provider nobody has credentials for (a failing check).
 */
function demoAgentModel(index: number, agentCount: number, gatewayIndex: number) {
  if (gatewayIndex === 1 && index === agentCount - 1) return "google/gemini-2.5-pro";
  if (index % 5 === 0)
    return { primary: "anthropic/claude-sonnet-5", fallbacks: ["anthropic/claude-opus-4-8"] };
  return index % 7 === 0 ? "anthropic/claude-opus-4-8" : undefined;
}

/**
 * The gateway-wide config of every demo gateway (and of the bench's realistic fleet): models with a fallback,
 * aliases, config-level auth profiles and order. Several agents per gateway: OpenClaw 2026.9 requires explicit
 * ownership (facts §3.2).
 */
export const DEMO_GATEWAY_CONFIG = {
  openclawVersion: "2026.9.6",
  defaultModel: { primary: "anthropic/claude-opus-4-8", fallbacks: ["anthropic/claude-sonnet-5"] },
  defaultModels: {
    "anthropic/claude-opus-4-8": { alias: "opus", params: { cacheRetention: "long" } },
    "anthropic/claude-sonnet-5": { alias: "sonnet" },
  },
  authProfiles: {
    "anthropic:default": { provider: "anthropic", mode: "api_key" },
    "anthropic:team-sub": { provider: "anthropic", mode: "token" },
    "openai:default": { provider: "openai", mode: "api_key" },
    // why: declared but never stored, so the agent moved to Google is missing auth, not merely unconfirmed
    // (OpenClaw reports a provider nobody declared auth for as indeterminate instead).
    "google:default": { provider: "google", mode: "api_key" },
  },
  authOrder: { anthropic: ["anthropic:team-sub", "anthropic:default"] },
  extraConfig: { agents: { ownership: "explicit" } },
};

/** Idempotent: does nothing when the demo team already exists. Returns whether it seeded. */
export async function seedDemoFleet(db: DbClient, box: SecretBox, now: Date): Promise<boolean> {
  if (await db.team.findUnique({ where: { slug: DEMO_TEAM_SLUG }, select: { id: true } })) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

  await inTransaction(db, async (tx) => {
    const team = await tx.team.create({ data: { slug: DEMO_TEAM_SLUG, name: "Demo Fleet" } });
    for (const person of DEMO_USERS) {
      const user = await tx.user.create({
        // why: the demo seed's people are made by the operator, as `admin create` would; their emails count as proved.
        data: { email: person.email, name: person.name, passwordHash, emailVerifiedAt: now },
      });
      await tx.membership.create({ data: { teamId: team.id, userId: user.id, role: person.role } });
    }

    const gateways = [
      { name: "prod-eu", home: "/home/openclaw", agents: 36 },
      { name: "staging", home: "/srv/openclaw", agents: 14 },
    ];
    for (const [gatewayIndex, spec] of gateways.entries()) {
      const gateway = await tx.gateway.create({
        data: {
          teamId: team.id,
          name: spec.name,
          homeDir: spec.home,
          stateDir: `${spec.home}/.openclaw`,
          ...DEMO_GATEWAY_CONFIG,
        },
      });
      const shared = await findOrCreateSharedStore(tx, { teamId: team.id, gatewayId: gateway.id });
      const sharedProfile = (
        profileId: string,
        rest: Omit<Parameters<typeof createAuthProfile>[2], "teamId" | "storeId" | "profileId">,
      ) => createAuthProfile(tx, box, { teamId: team.id, storeId: shared.id, profileId, ...rest });

      await sharedProfile("anthropic:default", {
        provider: "anthropic",
        type: "api_key",
        secrets: { key: fakeSecret("sk-ant-api03-", `${spec.name}default`) },
        // prod's shared API key ran out of credit: disabled for billing.
        usage:
          gatewayIndex === 0
            ? {
                disabledUntil: at(5 * HOUR),
                disabledReason: "billing",
                errorCount: 1,
                failureCounts: { billing: 1 },
                lastFailureAt: at(-10 * 60_000),
              }
            : { lastUsed: at(-2 * HOUR) },
      });
      await sharedProfile("anthropic:team-sub", {
        provider: "anthropic",
        type: "token",
        // staging's subscription token expires within the 24 h warning window.
        expires: gatewayIndex === 1 ? at(20 * HOUR) : at(200 * DAY),
        secrets: { token: fakeSecret("sk-ant-oat01-", `${spec.name}teamsub`) },
      });
      await sharedProfile("anthropic:ops@demo.clawfleet.dev", {
        provider: "anthropic",
        type: "oauth",
        email: "ops@demo.clawfleet.dev",
        expires: at(3 * DAY),
        secrets: {
          access: fakeSecret("sk-ant-oat01-", `${spec.name}opsaccess`),
          refresh: fakeSecret("sk-ant-ort01-", `${spec.name}opsrefresh`),
        },
      });
      await sharedProfile("openai:default", {
        provider: "openai",
        type: "api_key",
        secrets: { key: `sk-proj-DEMO${spec.name}${"x".repeat(40)}` },
        usage: {
          // why: long enough to still be cooling down when a browser journey reaches the fleet page minutes
          // after the demo was seeded, short enough to count down visibly.
          cooldownUntil: at(45 * 60_000),
          cooldownReason: "rate_limit",
          cooldownModel: "gpt-5.5",
          errorCount: 2,
          failureCounts: { rate_limit: 2 },
          lastFailureAt: at(-60_000),
        },
      });

      for (let index = 0; index < spec.agents; index += 1) {
        const department = DEPARTMENTS[index % DEPARTMENTS.length] ?? "ops";
        const role =
          ROLES_OF_AGENTS[Math.floor(index / DEPARTMENTS.length) % ROLES_OF_AGENTS.length] ?? "helper";
        const agentKey = index === 0 ? "main" : `${department}-${role}-${index}`;
        const agent = await tx.agent.create({
          data: {
            teamId: gateway.teamId,
            gatewayId: gateway.id,
            agentKey,
            name:
              index === 0
                ? `Main (${spec.name})`
                : `${department[0]?.toUpperCase() ?? ""}${department.slice(1)} ${role} ${index}`,
            isDefault: index === 0,
            position: index,
            tags: [department, spec.name === "prod-eu" ? "prod" : "staging"],
            model: demoAgentModel(index, spec.agents, gatewayIndex),
            params: index % 4 === 0 ? { cacheRetention: "short" } : {},
          },
        });
        if (gatewayIndex === 0 && RESEARCH_POD_AGENTS.has(index)) {
          const own = await tx.credentialStore.create({
            data: {
              teamId: gateway.teamId,
              gatewayId: gateway.id,
              agentId: agent.id,
              order: { anthropic: [RESEARCH_POD_PROFILE, "anthropic:team-sub", "anthropic:default"] },
            },
          });
          await createAuthProfile(tx, box, {
            teamId: gateway.teamId,
            storeId: own.id,
            profileId: RESEARCH_POD_PROFILE,
            provider: "anthropic",
            type: "token",
            expires: at(60 * DAY),
            secrets: { token: fakeSecret("sk-ant-oat01-", "researchpod") },
            usage: {
              cooldownUntil: at(2 * HOUR),
              cooldownReason: "auth",
              errorCount: 2,
              failureCounts: { auth: 2 },
              lastFailureAt: at(-3 * 60_000),
            },
          });
        }
        // Every sixth agent keeps its own setup-token over the shared store; a few are cooling down.
        if (index % 6 === 3) {
          const own = await tx.credentialStore.create({
            data: {
              teamId: gateway.teamId,
              gatewayId: gateway.id,
              agentId: agent.id,
              // Its stored order puts its own token first; it beats the gateway's auth.order (facts §2.4).
              order: { anthropic: [`anthropic:${agentKey}`, "anthropic:team-sub", "anthropic:default"] },
            },
          });
          await createAuthProfile(tx, box, {
            teamId: gateway.teamId,
            storeId: own.id,
            profileId: `anthropic:${agentKey}`,
            provider: "anthropic",
            type: "token",
            expires: at(90 * DAY),
            secrets: { token: fakeSecret("sk-ant-oat01-", agentKey) },
            usage:
              index % 12 === 3
                ? {
                    cooldownUntil: at(25 * 60_000),
                    cooldownReason: "overloaded",
                    errorCount: 3,
                    failureCounts: { overloaded: 3 },
                    lastFailureAt: at(-5 * 60_000),
                  }
                : { lastUsed: at(-30 * 60_000) },
          });
        }
      }
    }
  });
  return true;
}
