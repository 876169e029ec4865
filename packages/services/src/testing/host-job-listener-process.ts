/**
 * A stand-in for one console instance holding one agent's poll, run as its own Node process by the two-listener
 * test: its own LISTEN connection, one wait for the gateway's jobs. Prints `ready` once listening, then the
 * reason the wait ended, then exits.
 */
import { createHostJobWakeups } from "../connector/host-job-wakeups";

const [connectionString, gatewayId, hostAgentId] = process.argv.slice(2);
if (!connectionString || !gatewayId || !hostAgentId)
  throw new Error("usage: host-job-listener-process <database url> <gateway id> <host agent id>");

const wakeups = createHostJobWakeups(connectionString);
const subscription = wakeups.subscribe(gatewayId, hostAgentId);
await wakeups.ready;
process.stdout.write("ready\n");
const reason = await subscription.next({ timeoutMs: 30_000 });
process.stdout.write(`${reason}\n`);
subscription.cancel();
await wakeups.close();
