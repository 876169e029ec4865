import { expect, test } from "@playwright/test";
import { AgentsPage, signInAs } from "../pages/agents.page";

test("a model nobody can reach is previewed as turning the agent Failing, and saving it asks first", async ({
  page,
}) => {
  await signInAs(page, "operator");
  const agents = new AgentsPage(page);
  await agents.open("prod-eu", "docs-writer-11", "Docs writer 11");
  await agents.openTab("Model & params");
  const form = page.getByRole("form", { name: "Model" });
  const preview = form.getByRole("region", { name: "Impact preview" });
  await expect(preview).toContainText("Change the model to see which agents it affects");

  await form.getByLabel(/Strict primary/).check();
  await form.getByLabel("Primary model", { exact: true }).fill("openai/gpt-9-imaginary");
  const impact = preview.getByTestId("impact-docs-writer-11");
  // OpenClaw cannot confirm auth for an OpenAI model its catalog lacks, and prod-eu's OpenAI key reaches OpenAI
  // only through the Codex runtime, which no plugin provides there.
  await expect(impact).toContainText(
    "OK → Failing: openai/gpt-9-imaginary: Auth readiness could not be confirmed for openai/gpt-9-imaginary.",
  );
  await expect(impact).toContainText("openai via codex: runtime unavailable");
  await expect(impact).toContainText("model anthropic/claude-opus-4-8 → openai/gpt-9-imaginary");
  await expect(impact).toContainText("fallbacks anthropic/claude-sonnet-5 → none");
  await expect(preview).toContainText("turns 1 agent Failing");

  await form.getByRole("button", { name: "Save model" }).click();
  const confirm = form.getByRole("alertdialog");
  await expect(confirm).toContainText("Saving this turns 1 agent Failing (Docs writer 11)");
  // Cancelling saves nothing: the agent still runs the gateway default.
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(form.getByText("Model saved.")).toHaveCount(0);
  await page.reload();
  await expect(page.getByText("Runs anthropic/claude-opus-4-8 (from the gateway defaults)")).toBeVisible();
});
