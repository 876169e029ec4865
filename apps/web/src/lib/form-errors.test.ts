import { describe, expect, it } from "vitest";
import { formProblemOf, plainIssueMessage } from "./form-errors";

/** The shape a TRPCClientError has after the server's errorFormatter. */
function failure(message: string, data: Record<string, unknown>) {
  return Object.assign(new Error(message), { data });
}

describe("plainIssueMessage", () => {
  it.each([
    ["Invalid input: expected number, received NaN", "Enter a number."],
    ["Invalid input: expected string, received undefined", "This field is required."],
    ["Too small: expected string to have >=1 characters", "This field is required."],
    ["Too big: expected number to be <=2", "Enter 2 or less."],
    ['Invalid option: expected one of "none"|"short"|"long"', "Choose one of none|short|long."],
    ["Invalid UUID", "Choose one from the list."],
    ["Name is required.", "Name is required."],
  ])("%s → %s", (message, expected) => {
    expect(plainIssueMessage(message)).toBe(expected);
  });
});

describe("formProblemOf", () => {
  it("puts each zod issue beside its field and keeps the rest for the form", () => {
    const error = failure("Some fields are invalid.", {
      fieldErrors: [
        { path: "agentKey", message: "An agent id is 1–64 lower-case letters" },
        { path: "params.temperature", message: "Invalid input: expected number, received NaN" },
        { path: "gatewayId", message: "Invalid UUID" },
      ],
    });
    expect(formProblemOf(error, ["agentKey", "params"])).toEqual({
      message: "gatewayId: Choose one from the list.",
      fields: { agentKey: "An agent id is 1–64 lower-case letters", params: "Enter a number." },
    });
  });

  it("places a domain error on the field it names, else at the form", () => {
    const taken = failure('This gateway already has an agent with the id "main".', { location: "agentKey" });
    expect(formProblemOf(taken, ["agentKey", "name"])).toEqual({
      message: null,
      fields: { agentKey: 'This gateway already has an agent with the id "main".' },
    });
    const conflict = failure("Someone else changed this agent.", { code: "CONFLICT" });
    expect(formProblemOf(conflict, ["name"])).toEqual({
      message: "Someone else changed this agent.",
      fields: {},
    });
  });
});
