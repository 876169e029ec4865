/**
 * Turning a failed mutation into words beside the fields that caused them. The server sends zod issues as
 * `{path, message}` (never the rejected value) and a domain error's field as `location`; this maps both onto the
 * form's own field names, in plain words, and leaves the rest as one message for the form.
 */

/** Zod's generic messages, said the way a person would. Messages a schema wrote itself pass through unchanged. */
const PLAIN_WORDS: [RegExp, (match: RegExpMatchArray) => string][] = [
  [/^Invalid input: expected number, received NaN$/u, () => "Enter a number."],
  [/^Invalid input: expected (?:number|int), received \w+$/u, () => "Enter a number."],
  [/^Invalid input: expected string, received undefined$/u, () => "This field is required."],
  [/^Invalid input: expected \w+, received (?:undefined|null)$/u, () => "This field is required."],
  [/^Invalid input: expected int, received number$/u, () => "Enter a whole number."],
  [/^Too small: expected string to have >=1 characters?$/u, () => "This field is required."],
  [/^Too small: expected string to have >=(\d+) characters$/u, (m) => `Use at least ${m[1]} characters.`],
  [/^Too big: expected string to have <=(\d+) characters$/u, (m) => `Use at most ${m[1]} characters.`],
  [/^Too small: expected number to be >=?(-?[\d.]+)$/u, (m) => `Enter ${m[1]} or more.`],
  [/^Too big: expected number to be <=?(-?[\d.]+)$/u, (m) => `Enter ${m[1]} or less.`],
  [/^Invalid option: expected one of (.+)$/u, (m) => `Choose one of ${m[1]?.replaceAll('"', "")}.`],
  [/^Invalid (?:UUID|uuid)$/u, () => "Choose one from the list."],
  [/^Invalid input$/u, () => "This value is not valid here."],
];

export function plainIssueMessage(message: string): string {
  for (const [pattern, words] of PLAIN_WORDS) {
    const match = message.match(pattern);
    if (match) return words(match);
  }
  return message;
}

export type FormProblem = {
  /** The problem no field owns (or a conflict): shown once, at the form. */
  message: string | null;
  /** Field name → its problem in plain words. */
  fields: Record<string, string>;
};

type ErrorData = { fieldErrors?: { path: string; message: string }[]; location?: string; code?: string };

/**
 * Splits a tRPC error over a form's `fieldNames` (paths like `key` or `edit.name`; the first field whose name is a
 * prefix of the issue's path takes it). What no field takes is kept for the form's own message.
 */
export function formProblemOf(error: unknown, fieldNames: readonly string[]): FormProblem {
  const message = error instanceof Error ? error.message : "Something went wrong. Try again.";
  const data = (error as { data?: ErrorData } | null)?.data;
  const fieldFor = (path: string) =>
    fieldNames.find((name) => path === name || path.startsWith(`${name}.`)) ?? null;
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const issue of data?.fieldErrors ?? []) {
    const field = fieldFor(issue.path);
    const words = plainIssueMessage(issue.message);
    if (field && !(field in fields)) fields[field] = words;
    else if (!field) unplaced.push(issue.path ? `${issue.path}: ${words}` : words);
  }
  if (data?.fieldErrors) return { message: unplaced.length > 0 ? unplaced.join(" ") : null, fields };
  const located = data?.location ? fieldFor(data.location) : null;
  if (located) return { message: null, fields: { [located]: message } };
  return { message, fields };
}

/** A schema's own check, before anything is sent, in the same shape as the server's answer. */
export function formProblemOfIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  fieldNames: readonly string[],
): FormProblem {
  return formProblemOf(
    Object.assign(new Error("Some fields are invalid."), {
      data: {
        fieldErrors: issues.map((issue) => ({
          path: issue.path.map(String).join("."),
          message: issue.message,
        })),
      },
    }),
    fieldNames,
  );
}

/** A form's problem with one field's cleared, as when the user edits that field (other problems stay). */
export function withoutField(problem: FormProblem | null, field: string): FormProblem | null {
  if (!problem || !(field in problem.fields)) return problem;
  const { [field]: _cleared, ...fields } = problem.fields;
  return { ...problem, fields };
}
