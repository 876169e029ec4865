import "server-only";
import { TRPCError, initTRPC } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { ZodError } from "zod";
import { type Role, roleAllows } from "@clawfleet/core/access/role";
import { DomainError, type DomainErrorCode } from "@clawfleet/core/domain-error";
import type { SignedInCaller } from "@clawfleet/services/service-context";
import { findSignedInUser, listUserMemberships } from "@clawfleet/services/sessions/session-users";
import { describeRetryDelay } from "@clawfleet/core/throttling/throttle-policy";
import { takeThrottledCall } from "@clawfleet/services/throttling/throttled-call";
import type { Context, TeamContext } from "./context";
import { PROCEDURE_POLICY } from "./procedure-policy";
import { plainIssueMessage } from "~/lib/form-errors";

/** Each procedure declares the weakest role allowed to call it; the RBAC test reads this. */
export type ProcedureMeta = { role?: Role | "public" | "signed-in" };

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error, ctx }) {
      // Zod issues are returned as path + message only: never the rejected value.
      const fieldErrors =
        error.cause instanceof ZodError
          ? error.cause.issues.map((issue) => ({
              path: issue.path.join("."),
              message: plainIssueMessage(issue.message),
            }))
          : undefined;
      return {
        ...shape,
        message: error.cause instanceof ZodError ? "Some fields are invalid." : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          requestId: ctx?.requestId,
          fieldErrors,
          location: error.cause instanceof DomainError ? error.cause.location : undefined,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

const trpcCodeFor = {
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID_INPUT: "BAD_REQUEST",
  INVALID_STATE: "PRECONDITION_FAILED",
  FORBIDDEN: "FORBIDDEN",
} as const satisfies Record<DomainErrorCode, TRPC_ERROR_CODE_KEY>;

/**
 * Outermost middleware. Domain errors become their transport codes; anything unexpected becomes a generic
 * 500 carrying only the request id, because Prisma and driver errors echo their arguments.
 */
const translateErrors = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof DomainError) {
    throw new TRPCError({ code: trpcCodeFor[cause.code], message: cause.message, cause });
  }
  if (result.error.code === "INTERNAL_SERVER_ERROR" && !(cause instanceof ZodError)) {
    console.error(
      `[clawfleet] ${path} failed (request ${ctx.requestId}): ${cause?.name ?? result.error.name}`,
    );
    throw new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: `Something went wrong on the server. Quote request id ${ctx.requestId} when reporting it.`,
    });
  }
  return result;
});

/** Carried by a TOO_MANY_REQUESTS error, so the HTTP handler can send `Retry-After`. */
export class CallsThrottled extends Error {
  override readonly name = "CallsThrottled";
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests from your address. Try again in ${describeRetryDelay(retryAfterSeconds)}.`);
  }
}

/**
 * The per-address limit of the procedures whose policy line has one (every anonymous one, findings 8 and 17),
 * taken before the input is even looked at. In-process callers have no address and no limit.
 */
const limitCallsPerAddress = t.middleware(async ({ ctx, next, path }) => {
  const limit = PROCEDURE_POLICY[path]?.perAddress;
  if (!limit || ctx.clientAddress === null) return next();
  const waitSeconds = await takeThrottledCall(ctx.deps, {
    scope: "anonymous-calls",
    subject: ctx.clientAddress,
    policy: limit,
  });
  if (waitSeconds !== null) {
    const cause = new CallsThrottled(waitSeconds);
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: cause.message, cause });
  }
  return next();
});

export const publicProcedure = t.procedure
  .use(translateErrors)
  .use(limitCallsPerAddress)
  .meta({ role: "public" });

const requireSignedIn = t.middleware(async ({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  const user = await findSignedInUser(ctx.deps, {
    userId: ctx.session.userId,
    sessionIssuedAt: new Date(ctx.session.authTime * 1000),
  });
  if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session has ended. Sign in again." });
  const signedIn: SignedInCaller = {
    actor: { id: user.id, label: user.email },
    requestId: ctx.requestId,
  };
  return next({ ctx: { user, signedIn } });
});

export const signedInProcedure = publicProcedure.meta({ role: "signed-in" }).use(requireSignedIn);

/**
 * A procedure for members of the caller's team holding at least `role`. The team comes from the session
 * (never from input), and the membership is read on every call, so a role change takes effect at once.
 */
function teamProcedure(role: Role) {
  return signedInProcedure.meta({ role }).use(async ({ ctx, next }) => {
    const memberships = await listUserMemberships(ctx.deps, { userId: ctx.user.id });
    const membership =
      memberships.find((candidate) => candidate.teamId === ctx.requestedTeamId) ?? memberships[0];
    if (!membership)
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "You are not a member of any team yet. Ask an admin to invite you.",
      });
    if (!roleAllows(membership.role, role)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `This needs the ${role} role; you are ${membership.role} in ${membership.teamName}.`,
      });
    }
    const teamContext: TeamContext = {
      user: ctx.user,
      team: { id: membership.teamId, name: membership.teamName, slug: membership.teamSlug },
      role: membership.role,
      caller: {
        teamId: membership.teamId,
        actor: { id: ctx.user.id, label: ctx.user.email },
        requestId: ctx.requestId,
      },
    };
    return next({ ctx: teamContext });
  });
}

export const viewerProcedure = teamProcedure("viewer");
export const operatorProcedure = teamProcedure("operator");
export const adminProcedure = teamProcedure("admin");
