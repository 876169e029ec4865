/**
 * The one way the console sends a team webhook: a POST whose every connection is checked, after DNS
 * resolution, against core's destination rule (request-filtering-agent vets each resolved address before the
 * socket connects, so a name that resolves to 127.0.0.1, or rebinds to it after the URL was saved, is refused
 * too). Failures come back as coarse classes only: an exact status or error name would turn the delivery list
 * into a port scanner's oracle.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";

export type WebhookPost = {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
};

/** Sends one webhook POST and resolves with the receiver's status; rejects with a `WebhookFailure`. */
export type WebhookSender = (post: WebhookPost) => Promise<number>;

/** What a delivery list may show of a failure. */
export type WebhookFailureClass =
  | "refused: not a public address"
  | "could not connect"
  | "timed out"
  | "redirect not followed"
  | "receiver answered 4xx"
  | "receiver answered 5xx"
  | "unexpected answer";

export class WebhookFailure extends Error {
  override readonly name = "WebhookFailure";
  constructor(readonly failureClass: WebhookFailureClass) {
    super(failureClass);
  }
}

/** The class of a status that is not a success (2xx), or null for a success. */
export function failureClassOfStatus(status: number): WebhookFailureClass | null {
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400) return "redirect not followed";
  if (status >= 400 && status < 500) return "receiver answered 4xx";
  if (status >= 500 && status < 600) return "receiver answered 5xx";
  return "unexpected answer";
}

// why: request-filtering-agent reports a refused address as a plain Error with this wording.
const REFUSED_BY_FILTER = "is not allowed. Because";

/**
 * A sender that reaches public unicast addresses only, plus the install's allowed internal networks
 * (`CLAWFLEET_WEBHOOK_ALLOWED_NETWORKS`). Redirects are never followed.
 */
export function publicWebhookSender(allowedNetworks: readonly string[]): WebhookSender {
  return ({ url, headers, body, timeoutMs }) =>
    new Promise<number>((resolve, reject) => {
      const target = new URL(url);
      const filter = {
        allowPrivateIPAddress: false,
        allowMetaIPAddress: false,
        allowIPAddressList: [...allowedNetworks],
      };
      const send = target.protocol === "https:" ? httpsRequest : httpRequest;
      const agent =
        target.protocol === "https:"
          ? new RequestFilteringHttpsAgent(filter)
          : new RequestFilteringHttpAgent(filter);
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        agent.destroy();
        outcome();
      };
      const request = send(
        target,
        { method: "POST", agent, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } },
        (response) => {
          // The body is never read: nothing of the receiver's answer is kept but its status class.
          response.resume();
          settle(() => resolve(response.statusCode ?? 0));
        },
      );
      const timer = setTimeout(() => {
        settle(() => reject(new WebhookFailure("timed out")));
        request.destroy();
      }, timeoutMs);
      request.on("error", (error) =>
        settle(() =>
          reject(
            new WebhookFailure(
              error.message.includes(REFUSED_BY_FILTER)
                ? "refused: not a public address"
                : "could not connect",
            ),
          ),
        ),
      );
      request.end(body);
    });
}
