import { connect as connectTcp } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import {
  connectGateway,
  GatewayConnectionError,
  GatewayRequestError,
  type GatewayConnection,
} from "./gateway-client";
import { networkInterfacesOtherThanLoopback } from "./testing/real-gateway";

const { url, token } = inject("realGateway");
let gateway: GatewayConnection;

beforeAll(async () => {
  gateway = await connectGateway({ url, token });
});
afterAll(async () => {
  await gateway.close();
});

/** The rejection of `promise`, which must reject. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("expected a rejection"),
    (error: unknown) => error,
  );
}

describe("connecting to a real Gateway as the loopback cli client", () => {
  test("is granted operator read, write and admin and learns the server's version", () => {
    expect(gateway.hello).toMatchObject({ protocol: 4, serverVersion: "2026.9.6", role: "operator" });
    expect(gateway.hello.scopes).toEqual(["operator.read", "operator.write", "operator.admin"]);
    expect(gateway.hello.methods).toEqual(
      expect.arrayContaining(["config.get", "config.patch", "agents.list"]),
    );
  });

  test("a wrong token is refused with OpenClaw's own code, message and details", async () => {
    const error = await rejectionOf(connectGateway({ url, token: `${token}-wrong` }));
    expect(error).toBeInstanceOf(GatewayRequestError);
    expect(error).toMatchObject({
      method: "connect",
      code: "INVALID_REQUEST",
      message:
        "unauthorized: gateway token mismatch (use this gateway's gateway.auth.token or pair the device)",
      details: { code: "AUTH_TOKEN_MISMATCH", authReason: "token_mismatch" },
    });
  });

  test("a port where no Gateway listens fails as a connection error, not a refusal", async () => {
    const error = await rejectionOf(connectGateway({ url: "ws://127.0.0.1:1", token }));
    expect(error).toBeInstanceOf(GatewayConnectionError);
  });
});

describe("requests", () => {
  test("config.get answers with the config and its hash", async () => {
    const config = (await gateway.request("config.get", {})) as { hash?: unknown; valid?: unknown };
    expect(config.hash).toEqual(expect.any(String));
    expect(config.hash).not.toBe("");
    expect(config.valid).toBe(true);
  });

  test("agents.list on a fresh Gateway lists its default agent main", async () => {
    const agents = (await gateway.request("agents.list", {})) as {
      defaultId: string;
      agents: { id: string }[];
    };
    expect(agents.defaultId).toBe("main");
    expect(agents.agents.map((agent) => agent.id)).toContain("main");
  });

  test("an unknown method surfaces OpenClaw's error verbatim", async () => {
    const error = await rejectionOf(gateway.request("clawfleet.noSuchMethod", {}));
    expect(error).toBeInstanceOf(GatewayRequestError);
    expect(error).toMatchObject({
      method: "clawfleet.noSuchMethod",
      code: "INVALID_REQUEST",
      message: "unknown method: clawfleet.noSuchMethod",
    });
  });

  test("bad params surface OpenClaw's error and details verbatim", async () => {
    const missingName = await rejectionOf(gateway.request("agents.create", {}));
    expect(missingName).toMatchObject({
      code: "INVALID_REQUEST",
      message: "invalid agents.create params: must have required property 'name'",
    });
    const unknownAgent = await rejectionOf(gateway.request("models.authStatus", { agentId: "nope" }));
    expect(unknownAgent).toMatchObject({
      code: "INVALID_REQUEST",
      message: 'unknown agent id "nope"',
      details: { code: "UNKNOWN_AGENT_ID", agentId: "nope" },
    });
  });

  test("a request that gets no reply in time fails with a timeout", async () => {
    // models.authStatus with refresh takes seconds (reference §5); 1 ms is never enough.
    const error = await rejectionOf(
      gateway.request("models.authStatus", { refresh: true }, { timeoutMs: 1 }),
    );
    expect(error).toBeInstanceOf(GatewayConnectionError);
    expect((error as Error).message).toBe("models.authStatus got no reply within 1 ms");
  });

  test("requests on a closed connection fail at once", async () => {
    const connection = await connectGateway({ url, token });
    await connection.close();
    await expect(connection.request("config.get", {})).rejects.toBeInstanceOf(GatewayConnectionError);
  });
});

describe("events", () => {
  test("a config write pushes config.changed with the new hash to every listener until it is removed", async () => {
    const listener = await connectGateway({ url, token });
    const received: { event: string; payload: unknown }[] = [];
    const removed: string[] = [];
    const stopListening = listener.onEvent((event) => removed.push(event.event));
    stopListening();
    const changed = new Promise<{ hash?: unknown }>((resolve) =>
      listener.onEvent((event) => {
        received.push(event);
        if (event.event === "config.changed") resolve(event.payload as { hash?: unknown });
      }),
    );
    const before = (await gateway.request("config.get", {})) as { hash: string };
    await gateway.request("config.patch", {
      raw: JSON.stringify({
        agents: {
          defaults: { models: { "anthropic/claude-opus-4-6": { params: { cacheRetention: "short" } } } },
        },
      }),
      baseHash: before.hash,
      note: "gateway-client event test",
    });
    const payload = await changed;
    const after = (await gateway.request("config.get", {})) as { hash: string };
    expect(payload.hash).toBe(after.hash);
    expect(removed).toEqual([]);
    expect(listener.closed).toBe(false);
    await listener.close();
    expect(listener.closed).toBe(true);
  });
});

test("no error ever carries the gateway token", async () => {
  const wrongToken = `${token}-wrong`;
  const connection = await connectGateway({ url, token });
  const closed = await connectGateway({ url, token });
  await closed.close();
  const errors = await Promise.all([
    rejectionOf(connectGateway({ url, token: wrongToken })),
    rejectionOf(connectGateway({ url: "ws://127.0.0.1:1", token })),
    rejectionOf(connection.request("clawfleet.noSuchMethod", { token })),
    rejectionOf(connection.request("models.authStatus", { agentId: "nope" }, { timeoutMs: 1 })),
    rejectionOf(closed.request("config.get", {})),
  ]);
  await connection.close();
  expect(errors).toHaveLength(5);
  for (const error of errors) {
    expect(error).toBeInstanceOf(Error);
    const text = [(error as Error).message, (error as Error).stack ?? "", JSON.stringify(error)].join("\n");
    expect(text).not.toContain(token);
  }
});

describe("the suite's network namespace", () => {
  test("has only loopback, so the Gateway cannot reach anything outside", async () => {
    expect(networkInterfacesOtherThanLoopback()).toEqual([]);
    // TEST-NET-1 (RFC 5737): with no route at all, the kernel refuses at once instead of timing out.
    const failure = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      const socket = connectTcp({ host: "192.0.2.1", port: 443, timeout: 5_000 });
      socket.once("connect", () => {
        socket.destroy();
        resolve(null);
      });
      socket.once("timeout", () => {
        socket.destroy();
        resolve(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" }));
      });
      socket.once("error", (error: NodeJS.ErrnoException) => resolve(error));
    });
    expect(failure?.code).toBe("ENETUNREACH");
  });
});
