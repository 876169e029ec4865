/** The test server's file outbox (CLAWFLEET_MAIL_DIR): the invitee's mailbox in e2e journeys. */
import { readFile, readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "@playwright/test";

const OUTBOX = join(dirname(fileURLToPath(import.meta.url)), "..", ".server", "mail");

async function messagesTo(address: string): Promise<string[]> {
  const files = (await readdir(OUTBOX).catch(() => [])).filter((file) => file.endsWith(".eml")).sort();
  const messages = await Promise.all(files.map((file) => readFile(join(OUTBOX, file), "utf8")));
  return messages.filter((message) => new RegExp(`^To: ${address}$`, "mi").test(message));
}

/** The sign-up link of the newest mail to `address` (waits for it to arrive). */
export async function signUpLinkMailedTo(address: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(async () => {
      const newest = (await messagesTo(address)).at(-1);
      // why: quoted-printable folds long lines with "=\n"; unfold before matching the URL.
      link = newest?.replace(/=\r?\n/g, "").match(/https?:\/\/\S+\/sign-up\/[A-Za-z0-9_-]{43}/)?.[0];
      return link ?? null;
    })
    .not.toBeNull();
  return link ?? "";
}
