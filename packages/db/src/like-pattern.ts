/**
 * A search text as a literal inside Prisma's `contains` (Postgres `LIKE`/`ILIKE`): `%` and `_` are wildcards there
 * and `\\` is the escape character, so each is escaped; "100%" then finds "100%", not every name with "100" in it.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/gu, (character) => `\\${character}`);
}
