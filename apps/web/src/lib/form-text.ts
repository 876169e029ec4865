/** A text field's value from a submitted form (`fallback` when the form has no such text field). */
export function formText(data: FormData, name: string, fallback = ""): string {
  const value = data.get(name);
  return typeof value === "string" ? value : fallback;
}
