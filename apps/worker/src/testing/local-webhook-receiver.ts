/** A webhook receiver on loopback for worker tests: records each request and answers with scripted statuses. */
import { type IncomingHttpHeaders, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { at: number; headers: IncomingHttpHeaders; body: string };

/** Answers each request with the next status of `answers` (then 204). */
export async function startWebhookReceiver(answers: number[] = []) {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({ at: Date.now(), headers: request.headers, body });
      response.writeHead(answers.shift() ?? 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    /** What the install must allow for a webhook to reach this receiver (loopback is refused by default). */
    allowedNetworks: ["127.0.0.1"],
    received,
    /** The `event` of every body received so far, in arrival order. */
    events: () => received.map((request) => (JSON.parse(request.body) as { event: string }).event),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
