import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test, vi } from "vitest";
import { HOST_AGENT_PATHS } from "@clawfleet/core/connector/host-channel";
import { ENROLMENT_FILE } from "./agent-home";
import type { AgentIo } from "./agent-io";
import { parseDurationMs } from "./commands/run.command";
import { main } from "./main";
import { FakeConsole } from "./testing/fake-console";
import { AGENT_VERSION } from "./version";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const ENROLMENT_TOKEN = `cfe_${"e".repeat(43)}`;
const CREDENTIAL = `cfa_${"A".repeat(43)}`;
const ENROLLED = {
  credential: CREDENTIAL,
  hostAgentId: "8d0f7a43-6f6e-4c2c-9a51-3b1f0d7e2c10",
  gateway: { id: "5b2d8c41-9e3a-4f7b-8c6d-1a2b3c4d5e6f", name: "prod-eu-1" },
  reportIntervalMs: 300_000,
};

let fakeConsole: FakeConsole | null = null;
afterEach(async () => {
  await fakeConsole?.stop();
  fakeConsole = null;
});

function io(env: Record<string, string>, stdin: string | null = null) {
  const out: string[] = [];
  const err: string[] = [];
  const agentIo: AgentIo = {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    env: { PATH: process.env.PATH, CLAWFLEET_OPENCLAW_BIN: "/nonexistent/openclaw", ...env },
    readStdin: () => Promise.resolve(stdin),
    fetch,
    now: () => Date.parse("2026-11-30T10:00:00Z"),
    random: () => 0.5,
    stop: new AbortController().signal,
  };
  return { agentIo, stdout: () => out.join(""), stderr: () => err.join("") };
}

describe("clawfleet-agent enrol", () => {
  test("enrols with the token, stores the credential 0600 in a 0700 folder, and never prints it", async () => {
    fakeConsole = await new FakeConsole(() => ({ status: 200, body: ENROLLED })).start();
    const home = join(mkdtempSync(join(os.tmpdir(), "clawfleet-agent-home-")), "agent");
    const run = io({ CLAWFLEET_AGENT_HOME: home });
    const exitCode = await main(
      ["enrol", "--console", fakeConsole.url, "--token", ENROLMENT_TOKEN],
      run.agentIo,
    );
    expect(run.stderr()).toBe("");
    expect(exitCode).toBe(0);
    const [request] = fakeConsole.requestsTo(HOST_AGENT_PATHS.enrol);
    expect(request?.body).toEqual({
      enrolmentToken: ENROLMENT_TOKEN,
      host: { agentVersion: AGENT_VERSION, openclawVersion: null, hostname: os.hostname() },
    });
    const file = join(home, ENROLMENT_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ consoleUrl: fakeConsole.url, ...ENROLLED });
    expect(run.stdout()).toContain('gateway "prod-eu-1"');
    expect(run.stdout()).not.toContain(CREDENTIAL);
  });

  test("takes the token from stdin when no --token or env is given", async () => {
    fakeConsole = await new FakeConsole(() => ({ status: 200, body: ENROLLED })).start();
    const home = mkdtempSync(join(os.tmpdir(), "clawfleet-agent-home-"));
    const run = io({ CLAWFLEET_AGENT_HOME: home }, `${ENROLMENT_TOKEN}\n`);
    expect(await main(["enrol", "--console", fakeConsole.url], run.agentIo)).toBe(0);
    expect(fakeConsole.requestsTo(HOST_AGENT_PATHS.enrol)[0]?.body).toMatchObject({
      enrolmentToken: ENROLMENT_TOKEN,
    });
  });

  test("a refused or malformed token writes nothing and says why", async () => {
    // The console answers 401 to an unknown, used or expired enrolment token, and says which.
    fakeConsole = await new FakeConsole(() => ({
      status: 401,
      body: { error: { code: "enrolment_refused", message: "This enrolment token was already used." } },
    })).start();
    const home = mkdtempSync(join(os.tmpdir(), "clawfleet-agent-home-"));
    const refused = io({ CLAWFLEET_AGENT_HOME: home });
    expect(
      await main(["enrol", "--console", fakeConsole.url, "--token", ENROLMENT_TOKEN], refused.agentIo),
    ).toBe(1);
    expect(refused.stderr()).toContain(
      "the console refused the enrolment token: enrolment_refused: This enrolment token was already used.",
    );
    const malformed = io({ CLAWFLEET_AGENT_HOME: home });
    expect(
      await main(["enrol", "--console", fakeConsole.url, "--token", "cfa_nope"], malformed.agentIo),
    ).toBe(1);
    expect(malformed.stderr()).toContain("not a Clawfleet enrolment token");
    expect(existsSync(join(home, ENROLMENT_FILE))).toBe(false);
  });

  test("refuses a plain-http console that is not on this machine", async () => {
    const run = io({ CLAWFLEET_AGENT_HOME: mkdtempSync(join(os.tmpdir(), "clawfleet-agent-home-")) });
    expect(
      await main(
        ["enrol", "--console", "http://console.example.com", "--token", ENROLMENT_TOKEN],
        run.agentIo,
      ),
    ).toBe(1);
    expect(run.stderr()).toContain("must be an https:// URL");
  });
});

describe("clawfleet-agent set-credential", () => {
  const ROTATED = `cfa_${"B".repeat(43)}`;

  test("replaces the stored credential with the rotated one from stdin and keeps the rest", async () => {
    fakeConsole = await new FakeConsole(() => ({ status: 200, body: ENROLLED })).start();
    const home = mkdtempSync(join(os.tmpdir(), "clawfleet-agent-home-"));
    await main(
      ["enrol", "--console", fakeConsole.url, "--token", ENROLMENT_TOKEN],
      io({ CLAWFLEET_AGENT_HOME: home }).agentIo,
    );
    const run = io({ CLAWFLEET_AGENT_HOME: home }, `${ROTATED}\n`);
    expect(await main(["set-credential"], run.agentIo)).toBe(0);
    const file = join(home, ENROLMENT_FILE);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({
      consoleUrl: fakeConsole.url,
      ...ENROLLED,
      credential: ROTATED,
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(run.stdout()).not.toContain(ROTATED);
  });

  test("refuses anything that is not an agent credential, and an agent that was never enrolled", async () => {
    const home = mkdtempSync(join(os.tmpdir(), "clawfleet-agent-home-"));
    const unenrolled = io({ CLAWFLEET_AGENT_HOME: home }, ROTATED);
    expect(await main(["set-credential"], unenrolled.agentIo)).toBe(1);
    expect(existsSync(join(home, ENROLMENT_FILE))).toBe(false);

    fakeConsole = await new FakeConsole(() => ({ status: 200, body: ENROLLED })).start();
    await main(
      ["enrol", "--console", fakeConsole.url, "--token", ENROLMENT_TOKEN],
      io({ CLAWFLEET_AGENT_HOME: home }).agentIo,
    );
    const wrong = io({ CLAWFLEET_AGENT_HOME: home }, ENROLMENT_TOKEN);
    expect(await main(["set-credential"], wrong.agentIo)).toBe(1);
    expect(wrong.stderr()).toContain("not a Clawfleet agent credential");
    expect(JSON.parse(readFileSync(join(home, ENROLMENT_FILE), "utf8"))).toMatchObject({
      credential: CREDENTIAL,
    });
  });
});

describe("clawfleet-agent run", () => {
  test("a revoked credential stops the agent at once with exit code 2 and a clear message", async () => {
    fakeConsole = await new FakeConsole(() => ({
      status: 401,
      body: { error: { code: "UNAUTHORIZED", message: "Unknown or revoked agent credential." } },
    })).start();
    const home = mkdtempSync(join(os.tmpdir(), "clawfleet-agent-home-"));
    const enrol = io({ CLAWFLEET_AGENT_HOME: home });
    fakeConsole.enqueue(HOST_AGENT_PATHS.enrol, { status: 200, body: ENROLLED });
    expect(
      await main(["enrol", "--console", fakeConsole.url, "--token", ENROLMENT_TOKEN], enrol.agentIo),
    ).toBe(0);
    const run = io({ CLAWFLEET_AGENT_HOME: home, OPENCLAW_GATEWAY_TOKEN: "gw-token-not-logged" });
    const exitCode = await main(["run", "--gateway-url", "ws://127.0.0.1:1"], run.agentIo);
    expect(exitCode).toBe(2);
    expect(run.stderr()).toContain("this agent's credential was revoked or rotated; enrol again");
    const events = run
      .stdout()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { event: string });
    expect(events.map((event) => event.event)).toEqual(
      expect.arrayContaining(["agent.started", "agent.stopped"]),
    );
    expect(run.stdout()).not.toContain(CREDENTIAL);
    expect(run.stdout()).not.toContain("gw-token-not-logged");
  });

  test("--report-interval takes a duration", () => {
    expect(parseDurationMs("10m")).toBe(600_000);
    expect(parseDurationMs("90s")).toBe(90_000);
    expect(parseDurationMs("1500")).toBe(1500);
    expect(parseDurationMs("soon")).toBeNull();
  });
});

describe("clawfleet-agent status", () => {
  test("says what is missing: no enrolment, and a Gateway that does not answer", async () => {
    const home = mkdtempSync(join(os.tmpdir(), "clawfleet-agent-home-"));
    const run = io({ CLAWFLEET_AGENT_HOME: home, OPENCLAW_GATEWAY_TOKEN: "gw-token-not-printed" });
    expect(await main(["status", "--gateway-url", "ws://127.0.0.1:1"], run.agentIo)).toBe(1);
    expect(run.stdout()).toContain(`Agent home: ${home}`);
    expect(run.stdout()).toContain("Enrolled:   no (not enrolled:");
    expect(run.stdout()).toContain("Gateway:    ws://127.0.0.1:1 unreachable");
    expect(run.stdout()).not.toContain("gw-token-not-printed");
  });
});

describe("--help and --version", () => {
  test("the version is the package's", async () => {
    const packageJson = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as {
      version: string;
    };
    expect(AGENT_VERSION).toBe(packageJson.version);
    const run = io({});
    expect(await main(["--version"], run.agentIo)).toBe(0);
    expect(run.stdout()).toBe(`${AGENT_VERSION}\n`);
  });
});

describe("the clawfleet-agent process", () => {
  test("SIGTERM during a held poll stops it cleanly with exit code 0", async () => {
    // A console that holds every poll open, as the real one does while there is nothing to do.
    fakeConsole = await new FakeConsole(() => ({
      status: 200,
      body: { jobs: [], reportIntervalMs: 3_600_000 },
      delayMs: 20_000,
    })).start();
    const server = fakeConsole;
    const home = mkdtempSync(join(os.tmpdir(), "clawfleet-agent-home-"));
    fakeConsole.enqueue(HOST_AGENT_PATHS.enrol, { status: 200, body: ENROLLED });
    expect(
      await main(
        ["enrol", "--console", fakeConsole.url, "--token", ENROLMENT_TOKEN],
        io({ CLAWFLEET_AGENT_HOME: home }).agentIo,
      ),
    ).toBe(0);
    const bundle = join(packageRoot, "dist", "package", "clawfleet-agent.mjs");
    const child = spawn(process.execPath, [bundle, "run", "--gateway-url", "ws://127.0.0.1:1"], {
      env: {
        PATH: process.env.PATH,
        CLAWFLEET_AGENT_HOME: home,
        OPENCLAW_GATEWAY_TOKEN: "gw-token",
        CLAWFLEET_OPENCLAW_BIN: "/nonexistent/openclaw",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await vi.waitFor(() => expect(server.requestsTo(HOST_AGENT_PATHS.poll)).toHaveLength(1), {
      timeout: 20_000,
    });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain('"event":"agent.stopped","reason":"signal"');
  });
});

describe("the standalone tarball", () => {
  test("installs with no dependencies and runs --help and --version", () => {
    // Built by this package's test script (`tsx scripts/pack.ts`) before vitest starts.
    const tarball = join(packageRoot, "dist", `clawfleet-agent-${AGENT_VERSION}.tgz`);
    expect(existsSync(tarball), `${tarball} is missing: run npm run -w @clawfleet/host-agent pack`).toBe(
      true,
    );
    const prefix = mkdtempSync(join(os.tmpdir(), "clawfleet-agent-install-"));
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--prefix", prefix, tarball], {
      stdio: "pipe",
    });
    const installed = JSON.parse(
      readFileSync(join(prefix, "node_modules", "clawfleet-agent", "package.json"), "utf8"),
    ) as { dependencies?: unknown; bin: Record<string, string> };
    expect(installed.dependencies).toBeUndefined();
    expect(installed.bin).toEqual({ "clawfleet-agent": "clawfleet-agent.mjs" });
    const bin = join(prefix, "node_modules", ".bin", "clawfleet-agent");
    expect(execFileSync(bin, ["--version"], { encoding: "utf8" })).toBe(`${AGENT_VERSION}\n`);
    expect(execFileSync(bin, ["--help"], { encoding: "utf8" })).toContain("Usage: clawfleet-agent <command>");
  });
});
