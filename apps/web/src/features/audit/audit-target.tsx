import Link from "next/link";

/** The console page where a target of each type is managed, for targets that do not live on an agent. */
const PAGE_OF_TARGET_TYPE: Record<string, string> = {
  gateway: "/gateways",
  host_agent: "/gateways",
  host_job: "/gateways",
  auth_profile: "/credentials",
  reauth_request: "/reauth",
  team_webhook: "/reauth",
  membership: "/members",
  invitation: "/members",
  user: "/members",
};

const TYPE_WORDS: Record<string, string> = {
  agent: "agent",
  auth_profile: "profile",
  gateway: "gateway",
  host_agent: "host agent",
  host_job: "host job",
  reauth_request: "re-auth",
  team_webhook: "webhook",
  membership: "member",
  invitation: "invitation",
  user: "user",
  team: "team",
};

export type AuditTargetEntry = {
  targetType: string;
  targetId: string;
  targetName: string | null;
  targetAgentId: string | null;
};

/** Where a target can be seen: its agent's page (a profile opens on the agent's profiles tab), else its page. */
function targetHref(entry: AuditTargetEntry): string | undefined {
  if (entry.targetAgentId)
    return `/agents/${entry.targetAgentId}${entry.targetType === "auth_profile" ? "?tab=profiles" : ""}`;
  return entry.targetName ? PAGE_OF_TARGET_TYPE[entry.targetType] : undefined;
}

/**
 * An audit entry's target by name, linked to where it lives; a target deleted since keeps its id, marked so,
 * since only the id is left to search the trail by.
 */
export function AuditTarget({ entry }: { entry: AuditTargetEntry }) {
  const typeWords = TYPE_WORDS[entry.targetType] ?? entry.targetType;
  const href = targetHref(entry);
  return (
    <span
      className="truncate text-zinc-600 dark:text-zinc-400"
      title={`${entry.targetType} ${entry.targetId}`}
    >
      <span className="text-xs">{typeWords}</span>{" "}
      {entry.targetName === null ? (
        <>
          <span className="font-mono text-xs">{entry.targetId}</span>
          {PAGE_OF_TARGET_TYPE[entry.targetType] || entry.targetType === "agent" ? (
            <span className="text-xs"> (deleted)</span>
          ) : null}
        </>
      ) : href ? (
        <Link
          href={href}
          onClick={(event) => event.stopPropagation()}
          className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400"
        >
          {entry.targetName}
        </Link>
      ) : (
        <span className="text-zinc-900 dark:text-zinc-100">{entry.targetName}</span>
      )}
    </span>
  );
}
