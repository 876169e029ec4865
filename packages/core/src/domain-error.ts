/**
 * The closed set of failures that domain and persistence code may raise. The web layer maps each code to
 * its transport status in one place; nothing below the web layer knows about HTTP or tRPC.
 */
export type DomainErrorCode = "NOT_FOUND" | "CONFLICT" | "INVALID_INPUT" | "INVALID_STATE" | "FORBIDDEN";

export class DomainError extends Error {
  override readonly name = "DomainError";

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Where the problem is (a field path, a file:line:column), safe to show to the user. */
    readonly location?: string,
  ) {
    super(message);
  }
}
