import { verifySecretKeyAgainstDatabase } from "@clawfleet/db/secret-key-sentinel.repository";
import type { ServiceDeps } from "../service-context";

/**
 * Proves the configured secret key is the one this database was encrypted with (the first start registers
 * it). Throws `SecretKeyError` otherwise: a process that cannot read its secrets, or would write them under
 * the wrong key, must not serve.
 */
export function checkSecretKey({ db, secretBox }: Pick<ServiceDeps, "db" | "secretBox">) {
  return verifySecretKeyAgainstDatabase(db, secretBox);
}
