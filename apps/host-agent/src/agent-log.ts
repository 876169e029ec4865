// Structured log: one JSON object per line on stdout, one line per event. Callers pass ids, kinds, outcomes and
// durations only; no field ever holds a secret, a credential or a token (the job runner logs the delivery's
// `jobId`/`kind`, never its payload or secret).

export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type AgentLog = (event: string, fields?: LogFields) => void;

export function jsonLineLog(write: (line: string) => void, now: () => number): AgentLog {
  return (event, fields = {}) => {
    write(`${JSON.stringify({ at: new Date(now()).toISOString(), event, ...fields })}\n`);
  };
}
