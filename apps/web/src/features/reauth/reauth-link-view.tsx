"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, type ReactNode, useRef, useState } from "react";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { CopyButton } from "~/features/status/copy-button";
import { useTRPC } from "~/trpc/react";

/** A v4 UUID from `getRandomValues`, which (unlike `randomUUID`) also works on plain-http origins. */
function newSubmissionKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function Shell({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-start justify-center bg-zinc-50 p-6 dark:bg-zinc-900">
      <div className="w-full max-w-2xl space-y-4 rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-950">
        {children}
      </div>
    </main>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/**
 * The page behind `/reauth-link/<token>`: exactly what is being re-authenticated, how to produce the new
 * credential, and the paste form (OpenClaw's messages), or the OAuth "done on the host" button.
 */
export function ReauthLinkView({ token }: { token: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const link = useQuery(trpc.reauth.openLink.queryOptions({ token }, { retry: false }));
  const [value, setValue] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  // why: one key per distinct paste; a double click or a retry of the same value sends the same key, so the
  // server applies it once.
  const submission = useRef<{ value: string; key: string } | null>(null);
  const keyFor = (current: string) => {
    if (submission.current?.value !== current)
      submission.current = { value: current, key: newSubmissionKey() };
    return submission.current.key;
  };
  const submit = useMutation(
    trpc.reauth.submitCredential.mutationOptions({
      onSuccess: () => {
        setValue("");
        setFieldError(null);
      },
      onError: (error) => setFieldError(error.message),
    }),
  );
  const confirm = useMutation(trpc.reauth.confirmHostSignIn.mutationOptions());
  const hostKey = useRef<string | null>(null);

  if (link.isPending)
    return (
      <Shell>
        <p aria-busy="true">Opening the re-auth link…</p>
      </Shell>
    );
  if (link.error)
    return (
      <Shell>
        <Notice tone="error">{link.error.message}</Notice>
      </Shell>
    );
  const data = link.data;
  if (submit.data && !submit.data.repeated && submit.data.state === "applied")
    return (
      <Shell>
        <h1 className="text-lg font-semibold">Credential applied</h1>
        <Notice tone="success">
          The new credential is stored (shown as <span className="font-mono">{submit.data.mask}</span>) for
          every covered profile; their cooldowns are cleared and the push to the gateway is queued. This link
          no longer works.
        </Notice>
        {submit.data.warnings.map((warning) => (
          <Notice key={warning} tone="warning">
            {warning}
          </Notice>
        ))}
        <Link className="text-sky-700 underline dark:text-sky-400" href="/reauth">
          See the request on the Re-auth page
        </Link>
      </Shell>
    );
  if (submit.data?.repeated || confirm.data)
    return (
      <Shell>
        <Notice tone="success">
          {confirm.data
            ? "Noted: the request completes when the host's next `openclaw models status --json` report shows the profile healthy."
            : "This submission was already received; nothing more to do."}
        </Notice>
      </Shell>
    );
  if (data.status !== "usable")
    return (
      <Shell>
        <h1 className="text-lg font-semibold">Re-auth link</h1>
        <Notice tone={data.status === "unknown" ? "error" : "info"}>{data.message}</Notice>
        <Link className="text-sky-700 underline dark:text-sky-400" href="/">
          Go to the console
        </Link>
      </Shell>
    );

  const paste = data.method !== "oauth";
  const fieldLabel = data.method === "setup_token" ? "Setup-token" : "API key";
  const firstInstructions = data.profiles[0]?.instructions;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = event.currentTarget.elements;
    const field = (name: string) => (fields.namedItem(name) as HTMLInputElement | null)?.value ?? "";
    const days = field("expiresInDays").trim();
    submit.mutate({
      token,
      submissionKey: keyFor(value),
      credential: value,
      expiresInDays: days ? Number(days) : undefined,
    });
  }

  return (
    <Shell>
      <div>
        <h1 className="text-lg font-semibold">
          Re-authenticate {data.profiles[0]?.profileId ?? data.provider}
        </h1>
        <p className="text-zinc-500 dark:text-zinc-400">
          {data.teamName} · requested by {data.requestedBy}
          {data.deadline ? ` · deadline ${data.deadline.toLocaleString()}` : ""}
          {data.linkExpiresAt ? ` · link expires ${data.linkExpiresAt.toLocaleString()}` : ""}
        </p>
      </div>
      {data.assignedElsewhere ? (
        <Notice tone="warning">
          This request is assigned to {data.assignee}; only they can complete it with this link.
        </Notice>
      ) : null}
      <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1 text-sm" aria-label="What is re-authenticated">
        <Fact label="Gateway">{data.gateways.join(", ")}</Fact>
        <Fact label="Provider">{data.provider}</Fact>
        <Fact label="Method">{data.methodLabel}</Fact>
        <Fact label="Profile">
          <ul>
            {data.profiles.map((profile, index) => (
              <li key={index}>
                <span className="font-mono text-xs">{profile.profileId}</span> on {profile.gatewayName} ·{" "}
                {profile.store}
              </li>
            ))}
          </ul>
        </Fact>
        <Fact label={`Agents (${data.agentCount})`}>
          <ul data-testid="covered-agents">
            {data.agents.map((agent) => (
              <li key={agent.id}>
                {agent.name} <span className="font-mono text-xs text-zinc-500">{agent.agentKey}</span>
              </li>
            ))}
            {data.agentCount > data.agents.length ? (
              <li>and {data.agentCount - data.agents.length} more</li>
            ) : null}
          </ul>
        </Fact>
      </dl>

      <section aria-labelledby="how-heading" className="space-y-2">
        <h2 id="how-heading" className="font-semibold">
          How to get the credential
        </h2>
        {(paste ? data.profiles.slice(0, 1) : data.profiles).map((profile, index) => (
          <div key={index} className="space-y-1">
            <p className="text-sm">{profile.instructions.summary}</p>
            {profile.instructions.command ? (
              <div className="flex flex-wrap items-center gap-2">
                <code className="rounded bg-zinc-100 px-2 py-1 font-mono text-sm dark:bg-zinc-800">
                  {profile.instructions.command}
                </code>
                <CopyButton text={profile.instructions.command} label="Copy command" />
              </div>
            ) : null}
            {profile.instructions.url ? (
              <a
                className="text-sky-700 underline dark:text-sky-400"
                href={profile.instructions.url}
                target="_blank"
                rel="noreferrer noopener"
              >
                Open {profile.instructions.where}
              </a>
            ) : null}
          </div>
        ))}
      </section>

      {paste ? (
        <form onSubmit={onSubmit} className="space-y-3" noValidate>
          <div>
            <label htmlFor="credential" className="block font-medium">
              {fieldLabel}
            </label>
            <input
              id="credential"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={value}
              onChange={(event) => {
                setValue(event.target.value);
                setFieldError(null);
              }}
              aria-invalid={fieldError !== null}
              aria-describedby={fieldError ? "credential-error" : "credential-hint"}
              placeholder={
                firstInstructions?.command ? "Paste what the command printed" : "Paste the new key"
              }
              className="mt-1 w-full rounded-md border border-zinc-300 bg-transparent px-3 py-2 font-mono dark:border-zinc-700"
            />
            <p id="credential-hint" className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
              Never shown again: the console stores it encrypted and displays only OpenClaw&apos;s mask.
            </p>
            {fieldError ? (
              <p id="credential-error" role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
                {fieldError}
              </p>
            ) : null}
          </div>
          {data.method === "setup_token" ? (
            <label className="block text-sm">
              <span className="font-medium">Expires in (days, optional)</span>
              <input
                name="expiresInDays"
                type="number"
                min={1}
                max={3650}
                className="mt-1 block w-32 rounded-md border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-700"
              />
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                Like <span className="font-mono">paste-token --expires-in</span>; leave empty if unknown.
              </span>
            </label>
          ) : null}
          <Button type="submit" disabled={submit.isPending || data.assignedElsewhere}>
            {submit.isPending ? "Applying…" : "Apply credential"}
          </Button>
        </form>
      ) : (
        <div className="space-y-2">
          {confirm.error ? <Notice tone="error">{confirm.error.message}</Notice> : null}
          <Button
            type="button"
            disabled={confirm.isPending || data.assignedElsewhere}
            onClick={() =>
              confirm.mutate(
                { token, submissionKey: (hostKey.current ??= newSubmissionKey()) },
                { onSettled: () => void queryClient.invalidateQueries({ queryKey: trpc.reauth.pathKey() }) },
              )
            }
          >
            {confirm.isPending ? "Saving…" : "I have signed in on the host"}
          </Button>
        </div>
      )}
    </Shell>
  );
}
