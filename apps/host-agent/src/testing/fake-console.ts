// A small in-process stand-in for the console's host channel (node:http on 127.0.0.1:0): each request is recorded
// and answered by the next queued reply for its path, or by the default reply.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type RecordedRequest = { path: string; authorization: string | undefined; body: unknown };
/** An answer (optionally after `delayMs`, like a held long-poll), or a dropped connection. */
export type Reply = { status: number; body?: unknown; delayMs?: number } | "hang-up";

export class FakeConsole {
  readonly requests: RecordedRequest[] = [];
  private readonly queued = new Map<string, Reply[]>();
  private server: Server | null = null;
  url = "";

  constructor(private readonly fallback: (path: string) => Reply) {}

  /** Answer the next request to `path` with `reply` (in the order queued). */
  enqueue(path: string, ...replies: Reply[]) {
    this.queued.set(path, [...(this.queued.get(path) ?? []), ...replies]);
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      void readBody(request).then((text) => {
        const path = request.url ?? "/";
        this.requests.push({
          path,
          authorization: request.headers.authorization,
          body: text ? (JSON.parse(text) as unknown) : null,
        });
        const reply = this.queued.get(path)?.shift() ?? this.fallback(path);
        if (reply === "hang-up") {
          request.socket.destroy();
          return;
        }
        setTimeout(() => {
          response.writeHead(reply.status, { "content-type": "application/json" });
          response.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
        }, reply.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}
