import "server-only";
import { type ConsoleMail, createMailer } from "@clawfleet/services/mail/mailer";
import { mailSettings, serverEnv } from "./env";

let cached: ConsoleMail | null | undefined;

/** The console's mail transport and public URL, or null when it cannot send mail (see the env). */
export function consoleMail(): ConsoleMail | null {
  if (cached !== undefined) return cached;
  const settings = mailSettings(serverEnv());
  const mailer = settings ? createMailer(settings.transport) : null;
  cached = settings && mailer ? { mailer, consoleUrl: settings.consoleUrl } : null;
  return cached;
}
