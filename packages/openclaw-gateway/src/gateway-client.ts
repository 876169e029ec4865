// A client for a local OpenClaw Gateway (protocol 4) over loopback WebSocket, as the `cli` client with the
// gateway token: on 127.0.0.1 that client is granted operator read/write/admin without pairing
// (shared/reference/openclaw-gateway.md §4).
//
// why `ws` and not `@openclaw/gateway-client@2026.9.1`: that package declares Node >=22.19 (we support 20.19), is
// a long-lived reconnecting client built around device identities we do not need on loopback, reports connect
// failures as strings through callbacks (we must hand OpenClaw's `code`/`details` on verbatim), and its protocol
// package has no types for the methods we call. The handshake is three frames, so owning it costs little; `ws` is
// what that package uses underneath, and Node 20 has no stable global WebSocket.
import WebSocket from "ws";

export const GATEWAY_PROTOCOL_VERSION = 4;
export const OPERATOR_SCOPES = ["operator.read", "operator.write", "operator.admin"] as const;

/** OpenClaw's error object on a failed `res` frame. */
type GatewayErrorShape = {
  code: string;
  message: string;
  details?: unknown;
  retryable?: boolean;
  retryAfterMs?: number;
};

type ResponseFrame =
  | { type: "res"; id: string; ok: true; payload: unknown }
  | { type: "res"; id: string; ok: false; error: GatewayErrorShape };

/** OpenClaw refused a request (or `connect`): its `code`, `message` and `details`, verbatim. */
/** Refusals a busy Gateway gives for a moment and then stops giving (openclaw-gateway.md; seen in CI). */
export const CONFIG_CHANGED_MESSAGE = "config changed since last load";
export const PREPARED_MODEL_AUTH_UNAVAILABLE = "PREPARED_MODEL_AUTH_UNAVAILABLE";
/** OpenClaw rebuilds its model runtime after a config write; a request caught in between gets one of these. */
const MODEL_RUNTIME_REBUILD_MESSAGES = [
  "plugin generation retired",
  "was reloaded or disabled; use its current tools",
] as const;

export class GatewayRequestError extends Error {
  override readonly name = "GatewayRequestError";
  readonly method: string;
  readonly code: string;
  readonly details: unknown;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(method: string, error: GatewayErrorShape) {
    super(error.message);
    this.method = method;
    this.code = error.code;
    this.details = error.details;
    this.retryable = error.retryable === true;
    this.retryAfterMs = error.retryAfterMs;
  }

  /** The Gateway is up but still starting its sidecars: `connect` again after `retryAfterMs`. */
  get isStartingUp(): boolean {
    const reason = (this.details as { reason?: unknown } | undefined)?.reason;
    return this.code === "UNAVAILABLE" && this.retryable && reason === "startup-sidecars";
  }

  /**
   * Whether the refusal goes away by itself: the Gateway is unavailable or starting, a config write happened
   * underneath the request, its model auth is not ready yet, or its model runtime is being rebuilt. The same
   * request can succeed a moment later.
   */
  get isTransient(): boolean {
    return (
      this.code === "UNAVAILABLE" ||
      this.isStartingUp ||
      this.message.includes(CONFIG_CHANGED_MESSAGE) ||
      this.code === PREPARED_MODEL_AUTH_UNAVAILABLE ||
      MODEL_RUNTIME_REBUILD_MESSAGES.some((message) => this.message.includes(message))
    );
  }

  toJSON() {
    return {
      name: this.name,
      method: this.method,
      code: this.code,
      message: this.message,
      details: this.details,
    };
  }
}

/** The socket could not be opened, closed early, or a reply did not come in time. */
export class GatewayConnectionError extends Error {
  override readonly name = "GatewayConnectionError";
}

/** What the Gateway said about itself and about us in `hello-ok`. */
export type GatewayHello = {
  protocol: number;
  serverVersion: string;
  role: string;
  scopes: string[];
  methods: string[];
};

export type GatewayConnectOptions = {
  /** e.g. `ws://127.0.0.1:18789` */
  url: string;
  /** The gateway token. Sent only inside the `connect` frame; never logged or put in an error. */
  token: string;
  clientVersion?: string;
  /** Per attempt: open the socket, receive the challenge, get the `connect` reply. */
  handshakeTimeoutMs?: number;
  /** How long to keep retrying while the Gateway answers `UNAVAILABLE … startup-sidecars`. */
  startupRetryBudgetMs?: number;
};

export type GatewayRequestOptions = { timeoutMs?: number };

const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
const DEFAULT_STARTUP_RETRY_BUDGET_MS = 30_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const MAX_STARTUP_BACKOFF_MS = 4_000;

/** An event frame the Gateway pushed (e.g. `config.changed {path, hash, ts}`), as sent. */
export type GatewayEvent = { event: string; payload: unknown };
export type GatewayEventListener = (event: GatewayEvent) => void;

type PendingRequest = {
  method: string;
  resolve: (payload: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
};

export class GatewayConnection {
  readonly hello: GatewayHello;
  private readonly socket: WebSocket;
  private readonly pending = new Map<string, PendingRequest>();
  private readonly eventListeners = new Set<GatewayEventListener>();
  private nextId = 1;
  private closedReason: string | null = null;

  /** @internal use `connectGateway` */
  constructor(socket: WebSocket, hello: GatewayHello) {
    this.socket = socket;
    this.hello = hello;
    socket.on("message", (data: WebSocket.RawData) => this.onFrame(parseFrame(data)));
    socket.on("close", (code: number) => this.failAll(`the gateway connection closed (code ${code})`));
    socket.on("error", (error: Error) => this.failAll(`the gateway connection failed: ${error.message}`));
  }

  /** Calls `method`; resolves with its payload, or rejects with `GatewayRequestError` carrying OpenClaw's error. */
  request(method: string, params: unknown = {}, options: GatewayRequestOptions = {}): Promise<unknown> {
    if (this.closedReason !== null) return Promise.reject(new GatewayConnectionError(this.closedReason));
    const id = `r${this.nextId++}`;
    const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new GatewayConnectionError(`${method} got no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve, reject, timer });
      this.socket.send(JSON.stringify({ type: "req", id, method, params }));
    });
  }

  /**
   * Calls `listener` for every event the Gateway pushes on this connection. OpenClaw delivers its events to every
   * operator connection without a subscription, including `config.changed`, which `hello-ok` does not list (facts
   * §5). Returns the function that removes the listener.
   */
  onEvent(listener: GatewayEventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** True once the socket closed or failed (or `close` was called): every later request fails at once. */
  get closed(): boolean {
    return this.closedReason !== null;
  }

  close(): Promise<void> {
    this.failAll("the gateway connection was closed by the client");
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once("close", () => resolve());
      this.socket.close(1000);
    });
  }

  private onFrame(frame: unknown) {
    if (isEventFrame(frame)) {
      for (const listener of this.eventListeners) listener({ event: frame.event, payload: frame.payload });
      return;
    }
    if (!isResponseFrame(frame)) return;
    const request = this.pending.get(frame.id);
    if (!request) return;
    this.pending.delete(frame.id);
    clearTimeout(request.timer);
    if (frame.ok) request.resolve(frame.payload);
    else request.reject(new GatewayRequestError(request.method, frame.error));
  }

  private failAll(reason: string) {
    this.closedReason ??= reason;
    for (const [id, request] of this.pending) {
      clearTimeout(request.timer);
      this.pending.delete(id);
      request.reject(new GatewayConnectionError(`${request.method}: ${reason}`));
    }
  }
}

/**
 * Opens a connection and completes the handshake. While the Gateway is still starting its sidecars it refuses
 * `connect` with a retryable `UNAVAILABLE`; this waits `retryAfterMs` (doubling, capped) and tries again until
 * `startupRetryBudgetMs` is spent, then throws that last error. Any other refusal is thrown at once.
 */
export async function connectGateway(options: GatewayConnectOptions): Promise<GatewayConnection> {
  const budgetMs = options.startupRetryBudgetMs ?? DEFAULT_STARTUP_RETRY_BUDGET_MS;
  const deadline = Date.now() + budgetMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await connectOnce(options);
    } catch (error) {
      if (!(error instanceof GatewayRequestError) || !error.isStartingUp) throw error;
      const delayMs = Math.min((error.retryAfterMs ?? 500) * 2 ** attempt, MAX_STARTUP_BACKOFF_MS);
      if (Date.now() + delayMs > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

function connectOnce(options: GatewayConnectOptions): Promise<GatewayConnection> {
  const timeoutMs = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(options.url, { handshakeTimeout: timeoutMs });
    let settled = false;
    const settle = (outcome: { connection: GatewayConnection } | { error: Error }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off("message", onMessage);
      if ("connection" in outcome) resolve(outcome.connection);
      else {
        socket.terminate();
        reject(outcome.error);
      }
    };
    const timer = setTimeout(
      () =>
        settle({ error: new GatewayConnectionError(`no hello from ${options.url} within ${timeoutMs} ms`) }),
      timeoutMs,
    );
    const onMessage = (data: WebSocket.RawData) => {
      const frame = parseFrame(data);
      if (isChallenge(frame)) {
        socket.send(JSON.stringify(connectFrame(options)));
        return;
      }
      if (!isResponseFrame(frame) || frame.id !== CONNECT_ID) return;
      if (!frame.ok) {
        settle({ error: new GatewayRequestError("connect", frame.error) });
        return;
      }
      const hello = readHello(frame.payload);
      if (!hello) {
        settle({ error: new GatewayConnectionError(`${options.url} answered connect without hello-ok`) });
        return;
      }
      settle({ connection: new GatewayConnection(socket, hello) });
    };
    socket.on("message", onMessage);
    socket.once("error", (error: Error) =>
      settle({ error: new GatewayConnectionError(`cannot reach ${options.url}: ${error.message}`) }),
    );
    socket.once("close", (code: number) =>
      settle({
        error: new GatewayConnectionError(`${options.url} closed during the handshake (code ${code})`),
      }),
    );
  });
}

const CONNECT_ID = "connect";

function connectFrame(options: GatewayConnectOptions) {
  const version = options.clientVersion ?? "0.1.0";
  return {
    type: "req",
    id: CONNECT_ID,
    method: "connect",
    params: {
      minProtocol: GATEWAY_PROTOCOL_VERSION,
      maxProtocol: GATEWAY_PROTOCOL_VERSION,
      client: { id: "cli", version, platform: process.platform, mode: "cli" },
      role: "operator",
      scopes: [...OPERATOR_SCOPES],
      caps: [],
      commands: [],
      permissions: {},
      auth: { token: options.token },
      locale: "en-US",
      userAgent: `clawfleet/${version}`,
    },
  };
}

function parseFrame(data: WebSocket.RawData): unknown {
  const bytes = Array.isArray(data)
    ? Buffer.concat(data)
    : data instanceof ArrayBuffer
      ? Buffer.from(data)
      : data;
  const text = bytes.toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isChallenge(frame: unknown): boolean {
  return isRecord(frame) && frame.type === "event" && frame.event === "connect.challenge";
}

function isEventFrame(frame: unknown): frame is { event: string; payload: unknown } {
  return isRecord(frame) && frame.type === "event" && typeof frame.event === "string";
}

function isResponseFrame(frame: unknown): frame is ResponseFrame {
  if (!isRecord(frame) || frame.type !== "res" || typeof frame.id !== "string") return false;
  if (frame.ok === true) return true;
  return (
    frame.ok === false &&
    isRecord(frame.error) &&
    typeof frame.error.code === "string" &&
    typeof frame.error.message === "string"
  );
}

function readHello(payload: unknown): GatewayHello | null {
  if (!isRecord(payload) || payload.type !== "hello-ok") return null;
  const server = isRecord(payload.server) ? payload.server : {};
  const auth = isRecord(payload.auth) ? payload.auth : {};
  const features = isRecord(payload.features) ? payload.features : {};
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  return {
    protocol: typeof payload.protocol === "number" ? payload.protocol : GATEWAY_PROTOCOL_VERSION,
    serverVersion: typeof server.version === "string" ? server.version : "unknown",
    role: typeof auth.role === "string" ? auth.role : "unknown",
    scopes: strings(auth.scopes),
    methods: strings(features.methods),
  };
}
