/**
 * Outgoing mail: SMTP through nodemailer when an SMTP URL is configured, else a file outbox (one `.eml`
 * per message, for the demo and tests), else none. The messages hold one-time links, so their text is never
 * logged; a send failure names the transport and the error class only.
 */
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createTransport } from "nodemailer";
import { DomainError } from "@clawfleet/core/domain-error";

export type MailMessage = { to: string; subject: string; text: string };

export type Mailer = { send(message: MailMessage): Promise<void> };

/** What a use case needs to mail a link: the transport and the console's public URL the link starts with. */
export type ConsoleMail = { mailer: Mailer; consoleUrl: string };

export type MailSettings = {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  smtpUrl?: string;
  /** Where file-outbox messages go (e.g. `.data/mail`). */
  outboxDir?: string;
  from?: string;
};

const DEFAULT_FROM = "Clawfleet <clawfleet@localhost>";

function failed(transport: string, error: unknown): DomainError {
  const kind = error instanceof Error ? error.name : "unknown error";
  return new DomainError(
    "INVALID_STATE",
    `The console could not send the email (${transport}: ${kind}). Try again later or ask an admin.`,
  );
}

/** The configured mailer, or null when neither SMTP nor a file outbox is set up. */
export function createMailer(settings: MailSettings): Mailer | null {
  const from = settings.from ?? DEFAULT_FROM;
  if (settings.smtpUrl) {
    const transport = createTransport(settings.smtpUrl);
    return {
      async send(message) {
        try {
          await transport.sendMail({ from, ...message });
        } catch (error) {
          throw failed("SMTP", error);
        }
      },
    };
  }
  const { outboxDir } = settings;
  if (outboxDir) {
    const transport = createTransport({ streamTransport: true, buffer: true, newline: "unix" });
    return {
      async send(message) {
        try {
          const info = await transport.sendMail({ from, ...message });
          await mkdir(outboxDir, { recursive: true, mode: 0o700 });
          // why: the timestamp first keeps the outbox sorted by sending order for a reader (or a test).
          const file = join(outboxDir, `${Date.now()}-${randomUUID()}.eml`);
          await writeFile(file, info.message, { mode: 0o600 });
        } catch (error) {
          throw failed("file outbox", error);
        }
      },
    };
  }
  return null;
}
