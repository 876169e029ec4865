import { describe, expect, it } from "vitest";
import { MAX_SAVED_VIEWS_PER_LIST } from "@clawfleet/core/fleet/saved-view";
import { createMember, createTeam } from "@clawfleet/db/testing/factories";
import { useServiceTestClock } from "../testing/service-test-deps";
import { readSavedViews, removeView, saveView } from "./saved-views";

const { deps } = useServiceTestClock(new Date("2026-11-30T10:00:00.000Z"));

async function member(teamId?: string) {
  const team = teamId ?? (await createTeam(deps.db)).id;
  const user = await createMember(deps.db, { teamId: team, role: "viewer" });
  return { teamId: team, actor: { id: user.id, label: user.email }, requestId: "test" };
}

describe("saved views", () => {
  it("keeps each member's views of each list to themselves, by name, replacing a view of the same name", async () => {
    const ada = await member();
    const bob = await member(ada.teamId);
    await saveView(deps, ada, { list: "agents", name: "Failing", query: "status=failing" });
    await saveView(deps, ada, { list: "agents", name: "By health", query: "sort=health%3Adesc" });
    await saveView(deps, ada, {
      list: "agents",
      name: "Failing",
      query: "sort=health%3Adesc&status=failing",
    });
    await saveView(deps, ada, { list: "auth-matrix", name: "Expiring", query: "filter=expiring" });

    expect(
      (await readSavedViews(deps, ada, { list: "agents" })).map(({ name, query }) => [name, query]),
    ).toEqual([
      ["By health", "sort=health%3Adesc"],
      ["Failing", "sort=health%3Adesc&status=failing"],
    ]);
    expect(await readSavedViews(deps, bob, { list: "agents" })).toEqual([]);
  });

  it("removes only the member's own view; another's id answers NOT_FOUND and changes nothing", async () => {
    const ada = await member();
    const bob = await member(ada.teamId);
    const stranger = await member();
    const view = await saveView(deps, ada, { list: "agents", name: "Mine", query: "q=ops" });

    await expect(removeView(deps, bob, { id: view.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removeView(deps, stranger, { id: view.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await readSavedViews(deps, ada, { list: "agents" })).toHaveLength(1);

    await removeView(deps, ada, { id: view.id });
    expect(await readSavedViews(deps, ada, { list: "agents" })).toEqual([]);
  });

  it(`refuses a view beyond ${MAX_SAVED_VIEWS_PER_LIST} per list, but still replaces an existing one`, async () => {
    const ada = await member();
    for (let index = 0; index < MAX_SAVED_VIEWS_PER_LIST; index += 1)
      await saveView(deps, ada, { list: "agents", name: `View ${index}`, query: `q=${index}` });
    await expect(
      saveView(deps, ada, { list: "agents", name: "One more", query: "q=more" }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    await saveView(deps, ada, { list: "agents", name: "View 3", query: "q=three" });
    const views = await readSavedViews(deps, ada, { list: "agents" });
    expect(views).toHaveLength(MAX_SAVED_VIEWS_PER_LIST);
    expect(views.find((view) => view.name === "View 3")?.query).toBe("q=three");
  });
});
