/** An entry of the append-only audit trail. `before`/`after` are redacted snapshots of the target. */
export type AuditEventRecord = {
  id: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  requestId: string;
  createdAt: Date;
};

/** Actions recorded so far; names are `<noun>.<verb>`. */
export type AuditAction =
  | "agent.create"
  | "agent.delete"
  | "agent.update"
  | "agent.update_model"
  | "agent.update_params"
  | "agent.set_auth_order"
  | "auth_profile.create"
  | "auth_profile.remove"
  | "auth_profile.clear_cooldown"
  | "auth_profile.relocate"
  | "auth.login.succeeded"
  | "auth.login.failed"
  | "auth.login.throttled"
  | "auth.logout"
  | "auth.sso.link"
  | "gateway.create"
  | "gateway.update"
  | "gateway.update_defaults"
  | "gateway.accept_host"
  | "gateway.push_console"
  | "gateway.import"
  | "gateway.ingest_token.rotate"
  | "gateway.ingest_token.revoke"
  | "host_agent.create_enrolment"
  | "host_agent.enrol"
  | "host_agent.rotate"
  | "host_agent.revoke"
  | "host_job.retry"
  | "host_job.cancel"
  | "invitation.create"
  | "invitation.revoke"
  | "invitation.accept"
  | "membership.add_admin"
  | "membership.update_role"
  | "membership.remove"
  | "team.create"
  | "reauth.request"
  | "reauth.link_issue"
  | "reauth.link_revoke"
  | "reauth.submit"
  | "reauth.apply"
  | "reauth.push"
  | "reauth.fail"
  | "reauth.verify"
  | "reauth.cancel"
  | "reauth.expire"
  | "reauth.remind"
  | "auth_profile.reauth"
  | "webhook.update"
  | "webhook.remove";
