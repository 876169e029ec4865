// `status.report`: the real `openclaw models status --json --agent <key>` for each agent, posted verbatim.
import type { Executor } from "./executor-context";

export const reportStatus: Executor<"status.report"> = async (job, context) => {
  const reported = await context.reportStatuses(job.agentKeys);
  return { summary: `Reported the status of ${reported} agent${reported === 1 ? "" : "s"}` };
};
