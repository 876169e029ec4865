import type { ConsoleMail, MailMessage } from "@clawfleet/services/mail/mailer";

/** Mail the test callers "send": kept in memory so a test can read the link the invitee would open. */
export const sentMail: MailMessage[] = [];

export const recordingMail: ConsoleMail = {
  consoleUrl: "http://console.test",
  mailer: {
    send(message) {
      sentMail.push(message);
      return Promise.resolve();
    },
  },
};
