import { expect, test } from "@playwright/test";

/**
 * Issue 12's abuse case at the web server (apps/web/server.mjs): API calls without a session share a few
 * in-flight slots and the rest are refused at once with 503, so a flood of anonymous calls queues nothing in
 * front of a sign-in. (`session.current` answers an anonymous caller 401 without touching any throttle bucket.)
 */
test("a burst of anonymous API calls is shed with 503 while sign-in stays open", async ({ baseURL }) => {
  const origin = baseURL ?? "";
  const burst = Array.from({ length: 80 }, () =>
    fetch(`${origin}/api/trpc/session.current`).then(async (response) => ({
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
      body: await response.text(),
    })),
  );
  const signIn = fetch(`${origin}/api/auth/csrf`);
  const answers = await Promise.all(burst);
  const shed = answers.filter((answer) => answer.status === 503);
  expect(shed.length, JSON.stringify(answers.map((answer) => answer.status))).toBeGreaterThan(0);
  expect(answers.every((answer) => answer.status === 503 || answer.status === 401)).toBe(true);
  for (const answer of shed) {
    expect(answer.retryAfter).toBe("1");
    expect(JSON.parse(answer.body)).toEqual({
      error: { message: "The console is busy with other requests; try again in a moment." },
    });
  }
  expect((await signIn).status).toBe(200);

  // The slots are given back: once the burst is over, an anonymous call is answered again.
  expect((await fetch(`${origin}/api/trpc/session.current`)).status).toBe(401);
});
