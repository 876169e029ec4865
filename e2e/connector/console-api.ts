// tRPC calls as the signed-in user of a page, for steps the suite drives without a screen (the browser's cookies
// and an Origin header, as the console's own pages send them).
import type { Page } from "@playwright/test";

type TrpcAnswer = { result?: { data?: { json?: unknown } }; error?: { json?: { message?: string } } };

export async function trpcMutation(
  page: Page,
  baseUrl: string,
  path: string,
  input: unknown,
): Promise<unknown> {
  const response = await page.request.post(`${baseUrl}/api/trpc/${path}`, {
    data: { json: input },
    headers: { origin: baseUrl, "content-type": "application/json" },
  });
  const answer = (await response.json()) as TrpcAnswer;
  if (!response.ok()) throw new Error(`${path}: ${answer.error?.json?.message ?? response.status()}`);
  return answer.result?.data?.json;
}

export async function trpcQuery(page: Page, baseUrl: string, path: string, input: unknown): Promise<unknown> {
  const query = encodeURIComponent(JSON.stringify({ json: input }));
  const response = await page.request.get(`${baseUrl}/api/trpc/${path}?input=${query}`);
  const answer = (await response.json()) as TrpcAnswer;
  if (!response.ok()) throw new Error(`${path}: ${answer.error?.json?.message ?? response.status()}`);
  return answer.result?.data?.json;
}
