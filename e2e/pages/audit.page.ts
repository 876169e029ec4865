import { type Page, expect } from "@playwright/test";

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && text[index + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      index++;
    } else field += char;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

export class AuditPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/audit");
    await expect(this.page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  }

  async filterByAction(action: string) {
    const form = this.page.getByRole("form", { name: "Filter the audit log" });
    await form.getByLabel("Action").selectOption(action);
    await form.getByRole("button", { name: "Apply filters" }).click();
    await expect(this.page).toHaveURL(new RegExp(`action=${action.replace(".", "\\.")}`));
  }

  entries() {
    return this.page.getByRole("list", { name: "Audit entries" }).getByRole("listitem");
  }

  /** Clicks an export link and returns the downloaded file's name and text. */
  async export(format: "CSV" | "JSON") {
    const downloadStarted = this.page.waitForEvent("download");
    await this.page.getByRole("link", { name: `Export ${format}` }).click();
    const download = await downloadStarted;
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { fileName: download.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
  }
}
