import { expect, test } from "@playwright/test";
import { connectGateway } from "@clawfleet/openclaw-gateway/gateway-client";
import { DEMO_ADMIN, DEMO_PASSWORD, SignInPage } from "../../pages/sign-in.page";
import { readStack } from "../stack-handle";

test("both console instances serve the same fleet, and the real Gateway answers on loopback", async ({
  page,
}) => {
  const stack = readStack();
  const [first, second] = stack.consoles;
  await page.goto(`${first}/login`);
  await new SignInPage(page).signIn(DEMO_ADMIN, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Fleet status" })).toBeVisible();
  // why: the instances share nothing but the database and the session secret, as behind a load balancer.
  await page.goto(`${second}/gateways`);
  await expect(page.getByRole("heading", { name: "Gateways" })).toBeVisible();
  const connection = await connectGateway({ url: stack.gateway.url, token: stack.gateway.token });
  expect(connection.hello.scopes).toContain("operator.admin");
  await connection.close();
});

test("the suite's network namespace, which the Gateway shares, has no route out", async () => {
  const { networkInterfaces } = await import("node:os");
  const { connect } = await import("node:net");
  const { lookup } = await import("node:dns/promises");
  expect(Object.keys(networkInterfaces())).toEqual(["lo"]);
  const outbound = await new Promise<string>((resolve) => {
    const socket = connect({ host: "1.1.1.1", port: 443, timeout: 5_000 });
    socket.once("connect", () => resolve("connected"));
    socket.once("timeout", () => resolve("timeout"));
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
  expect(outbound).toBe("ENETUNREACH");
  await expect(lookup("registry.npmjs.org")).rejects.toThrow();
});
