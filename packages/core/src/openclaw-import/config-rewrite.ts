import { type EnvVarsRewrite, proposeEnvVarsRewrite } from "../openclaw-config/env-vars-rewrite";
import { rootedStateFiles } from "./import-limits";
import type { StateFile } from "./state-files";

/**
 * The config rewrite an import offers when OpenClaw would refuse the uploaded `openclaw.json` for variables
 * set directly under `env` (see {@link proposeEnvVarsRewrite}). What a run stores and the page shows: the
 * names moved and why, never the values (the rewritten text holds the secrets and is rebuilt from the
 * upload whenever it is needed).
 */
export type ConfigRewriteOffer = Pick<EnvVarsRewrite, "movedKeys" | "keptKeys" | "explanation">;

const CONFIG_FILE = "openclaw.json";

/** The upload's config (found as the import finds it: a chosen folder's name may lead every path). */
function rewriteOf(
  uploaded: readonly StateFile[],
): { files: StateFile[]; index: number; rewrite: EnvVarsRewrite } | null {
  const files = rootedStateFiles(uploaded);
  const index = files.findIndex((file) => file.path === CONFIG_FILE);
  const config = files[index];
  if (!config) return null;
  const rewrite = proposeEnvVarsRewrite(config.text, CONFIG_FILE);
  return rewrite ? { files, index, rewrite } : null;
}

/** The rewrite to offer for a refused upload, or null when no rewrite would help. */
export function offerConfigRewrite(files: readonly StateFile[]): ConfigRewriteOffer | null {
  const found = rewriteOf(files);
  if (!found) return null;
  const { movedKeys, keptKeys, explanation } = found.rewrite;
  return { movedKeys, keptKeys, explanation };
}

/**
 * The upload with the rewrite applied (for a run whose admin accepted it), and what was applied; the files
 * unchanged, with null, when the upload no longer needs it.
 */
export function applyConfigRewrite(files: readonly StateFile[]): {
  files: StateFile[];
  applied: ConfigRewriteOffer | null;
} {
  const found = rewriteOf(files);
  if (!found) return { files: [...files], applied: null };
  const { movedKeys, keptKeys, explanation, text } = found.rewrite;
  const rewritten = found.files.map((file, index) =>
    index === found.index ? { path: file.path, text } : file,
  );
  return { files: rewritten, applied: { movedKeys, keptKeys, explanation } };
}

/** The notice a preview built from a rewritten upload carries, so the admin sees what changed before confirming. */
export function rewriteNotice(applied: ConfigRewriteOffer): { file: string; path: string; message: string } {
  const names = applied.movedKeys.join(", ");
  return {
    file: CONFIG_FILE,
    path: "env.vars",
    message: `Rewritten as you accepted: ${names} moved from env into env.vars (the form OpenClaw 2026.9.6 accepts). The console keeps the rewritten config; change the host's openclaw.json the same way, or OpenClaw there keeps refusing it.`,
  };
}
