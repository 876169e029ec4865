// `credential.push`: stores a credential under the console's profile id in the store the console holds it in.
// - token (setup-token): `openclaw models auth paste-token` with the token on stdin; the RPC wizard cannot store a
//   setup-token offline and creates a new profile id each run (facts §5).
// - api_key: `models.authSetApiKey` takes no profile id: it writes the configured profile, else the first `api_key`
//   profile in auth order (an inherited shared one included: the "agent-scoped push gotcha"), else
//   `<provider>:manual`. So the RPC is used only where that choice is provably the console's profile: the shared
//   store, profile `<provider>:manual`, no `models.providers.<provider>` connection, and no other api_key profile for
//   the provider. Everything else goes through `openclaw models auth paste-api-key --profile-id` (stdin).
// Afterwards `models.authStatus` must list the profile with the pushed type.
import type { HostJobResult } from "@clawfleet/core/connector/host-jobs";
import { JobProblem } from "../job-outcome";
import type { Executor, ExecutorContext, GatewayRequester } from "./executor-context";
import {
  findProfile,
  listAgentIds,
  readAuthStatus,
  requireAgent,
  sharedStoreAgentId,
  waitUntilConfigApplied,
  type AuthStatusProvider,
} from "./gateway-reads";
import { isRecord } from "../json-record";

/** paste-token and paste-api-key take 10–15 s on a quiet host (facts §8). */
const CLI_TIMEOUT_MS = 120_000;

/** `--expires-in` for the time left until `expiresAt`, in whole seconds (OpenClaw parses `<n>s`). */
export function expiresInArgument(expiresAt: string, now: number): string {
  const seconds = Math.floor((Date.parse(expiresAt) - now) / 1000);
  if (!Number.isFinite(seconds) || seconds < 1)
    throw new JobProblem("failed", {
      code: "TOKEN_EXPIRED",
      message: `the token expired at ${expiresAt}, before it could be pushed; re-authenticate`,
      source: "host agent",
    });
  return `${seconds}s`;
}

async function rpcCannotMisplaceApiKey(
  gateway: GatewayRequester,
  providers: readonly AuthStatusProvider[],
  job: { provider: string; profileId: string; storeAgentKey: string | null },
): Promise<boolean> {
  if (job.storeAgentKey !== null || job.profileId !== `${job.provider}:manual`) return false;
  const others = providers
    .filter((entry) => entry.provider === job.provider)
    .flatMap((entry) => entry.profiles)
    .filter((profile) => profile.type === "api_key" && profile.profileId !== job.profileId);
  if (others.length > 0) return false;
  const config = await gateway.request("config.get", {});
  const parsed = isRecord(config) && isRecord(config.parsed) ? config.parsed : {};
  const models = isRecord(parsed.models) ? parsed.models : {};
  const connections = isRecord(models.providers) ? models.providers : {};
  return !(job.provider in connections);
}

export const pushCredential: Executor<"credential.push"> = async (job, context, secret) => {
  if (!secret)
    throw new JobProblem("failed", {
      code: "SECRET_MISSING",
      message: "the console delivered this credential push without its secret",
      source: "host agent",
    });
  const gateway = await context.gateway();
  await waitUntilConfigApplied(context, gateway);
  const { ids } = await listAgentIds(gateway);
  if (job.storeAgentKey !== null) requireAgent(ids, job.storeAgentKey, "credential.push");
  const owner = job.storeAgentKey ?? sharedStoreAgentId(ids);
  const store = job.storeAgentKey === null ? "the shared store" : `agent ${job.storeAgentKey}'s store`;

  /** `openclaw models auth paste-token|paste-api-key` into the owner's store, the secret on stdin only. */
  const paste = (command: "paste-token" | "paste-api-key", extra: string[] = []) =>
    context.openclaw({
      args: [
        "models",
        "auth",
        command,
        "--provider",
        job.provider,
        "--profile-id",
        job.profileId,
        "--agent",
        owner,
        ...extra,
      ],
      stdin: secret,
      timeoutMs: CLI_TIMEOUT_MS,
    });
  let warning: string | undefined;
  if (job.type === "token") {
    await paste(
      "paste-token",
      job.expiresAt ? ["--expires-in", expiresInArgument(job.expiresAt, context.now())] : [],
    );
  } else if (await rpcCannotMisplaceApiKey(gateway, await readAuthStatus(context, owner), job)) {
    const answer = await gateway.request("models.authSetApiKey", {
      provider: job.provider,
      apiKey: secret,
      agentId: owner,
    });
    if (isRecord(answer) && typeof answer.warning === "string" && answer.warning) warning = answer.warning;
  } else {
    const { stdout, stderr } = await paste("paste-api-key");
    warning = `${stdout}\n${stderr}`.split("\n").find((line) => line.includes("not confirmed applying"));
  }
  // The CLI saves the profile and its `auth.profiles` entry; the Gateway knows them once it reloaded.
  await waitUntilConfigApplied(context, gateway);
  // why: the CLI asks the running Gateway to republish its model auth, but finds it only where openclaw.json names
  // its port ("the local Gateway could not refresh them"); until then `models.authStatus` keeps the old store,
  // seen on a Gateway started with --port. Republishing here is what that message's restart would do, without one.
  await gateway.request("models.authRefresh", { operation: "login", agentId: owner });
  return confirmStored(context, owner, job, store, warning);
};

/** Right after a CLI write `models.authStatus` may still answer from its previous snapshot for a moment. */
const CONFIRM_READS = 10;
const CONFIRM_PAUSE_MS = 1_000;

async function confirmStored(
  context: ExecutorContext,
  owner: string,
  job: { profileId: string; type: string },
  store: string,
  warning: string | undefined,
): Promise<HostJobResult> {
  let profile = findProfile(await readAuthStatus(context, owner), job.profileId);
  for (let read = 2; !profile && read <= CONFIRM_READS; read++) {
    await context.sleep(CONFIRM_PAUSE_MS);
    profile = findProfile(await readAuthStatus(context, owner), job.profileId);
  }
  if (!profile)
    throw new JobProblem("retry", {
      code: "PROFILE_NOT_VISIBLE",
      message: `OpenClaw accepted ${job.profileId} but models.authStatus for ${owner} does not list it yet`,
      source: "models.authStatus",
    });
  if (profile.type !== job.type)
    throw new JobProblem("failed", {
      code: "PROFILE_TYPE_MISMATCH",
      message: `${job.profileId} is stored as ${profile.type ?? "an unknown type"}, not ${job.type}`,
      source: "models.authStatus",
    });
  return {
    summary: `Stored ${job.profileId} (${job.type}) in ${store}`,
    profileId: job.profileId,
    ...(warning ? { warning: warning.trim().slice(0, 2000) } : {}),
  };
}
