import { describe, expect, it } from "vitest";
import type { AuditEventRecord } from "./audit-event";
import { auditCsvHeader, auditCsvRows, csvField } from "./audit-export";

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["with,comma", '"with,comma"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tlead", "'\tlead"],
    ["a=b", "a=b"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });
});

describe("audit CSV", () => {
  const event: AuditEventRecord = {
    id: "42",
    actorId: "u-1",
    actorLabel: "admin@example.test",
    action: "gateway.update",
    targetType: "gateway",
    targetId: "g-1",
    before: { name: "=evil()" },
    after: { name: "prod, eu" },
    requestId: "req-1",
    createdAt: new Date("2026-11-20T12:00:00.000Z"),
  };

  it("writes a header row and one CRLF record per event with JSON snapshots", () => {
    expect(auditCsvHeader()).toBe(
      "id,time,actor,actorId,action,targetType,targetId,requestId,before,after\r\n",
    );
    expect(auditCsvRows([event])).toBe(
      '42,2026-11-20T12:00:00.000Z,admin@example.test,u-1,gateway.update,gateway,g-1,req-1,"{""name"":""=evil()""}","{""name"":""prod, eu""}"\r\n',
    );
  });

  it("leaves empty cells for a system actor and missing snapshots", () => {
    expect(
      auditCsvRows([{ ...event, actorId: null, actorLabel: "system", before: null, after: undefined }]),
    ).toBe("42,2026-11-20T12:00:00.000Z,system,,gateway.update,gateway,g-1,req-1,,\r\n");
  });
});
