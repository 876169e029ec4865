import Link from "next/link";
import { hintParts } from "@clawfleet/core/fleet/recovery-hint";
import { CopyButton } from "~/features/status/copy-button";

/** Where a profile id links: the credentials page, filtered to it. */
export function profileHref(profileId: string) {
  return `/credentials?q=${encodeURIComponent(profileId)}`;
}

/** Text with `profileId` (its first mention) as a link to the profile. */
function WithProfileLink({ text, profileId }: { text: string; profileId?: string }) {
  const at = profileId ? text.indexOf(profileId) : -1;
  if (!profileId || at === -1) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <Link
        href={profileHref(profileId)}
        className="font-mono text-sky-700 hover:underline dark:text-sky-400"
      >
        {profileId}
      </Link>
      {text.slice(at + profileId.length)}
    </>
  );
}

/**
 * A sentence or recovery hint from OpenClaw with its commands shown as code, each with a copy button (no
 * literal backticks), and the profile it names linked to the profile.
 */
export function HintText({ text, profileId }: { text: string; profileId?: string }) {
  return (
    <>
      {hintParts(text).map((part, index) =>
        part.kind === "text" ? (
          <WithProfileLink key={index} text={part.text} profileId={profileId} />
        ) : (
          <span key={index} className="my-1 flex items-start gap-2" data-testid="hint-command">
            <code className="min-w-0 flex-1 rounded bg-zinc-100 px-1.5 py-1 font-mono text-xs break-all dark:bg-zinc-800">
              {part.command}
            </code>
            <CopyButton text={part.command} label="Copy command" />
          </span>
        ),
      )}
    </>
  );
}
