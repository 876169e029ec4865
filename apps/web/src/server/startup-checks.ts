import "server-only";
import { checkSecretKey } from "@clawfleet/services/credentials/secret-key-check";
import { parseTrustedProxies } from "@clawfleet/services/network/client-address";
import { db, secretBox } from "./db";
import { serverEnv, webhookAllowedNetworks } from "./env";

/**
 * Runs before the server takes traffic. Any failure stops the process: a console that cannot read its
 * secrets, or would write them under the wrong key, must not serve.
 */
export async function runStartupChecks(): Promise<void> {
  try {
    parseTrustedProxies(serverEnv().CLAWFLEET_TRUSTED_PROXIES);
    webhookAllowedNetworks();
    const outcome = await checkSecretKey({ db: db(), secretBox: secretBox() });
    console.info(
      `[clawfleet] secret key ${secretBox().keyId} ${outcome === "created" ? "registered" : "verified"}`,
    );
  } catch (error) {
    console.error(`[clawfleet] refusing to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
