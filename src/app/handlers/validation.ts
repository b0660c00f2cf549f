import type { Context, Probot } from "probot";
import { readFollowupMarker } from "../../domain/markers/marker.js";
import { isTrustedAuthor, type ValidationPorts } from "../../domain/ports.js";
import { parseNotDoingCommand, REASON_WINDOW_MS, readNotDoing } from "../../domain/validation/not-doing.js";
import { closeKind, parseValidatedCommand } from "../../domain/validation/proof.js";
import type { GitHubClient } from "../../github/client.js";
import { type BotIdentity, createBotIdentity, isOwnEvent } from "../../github/identity.js";
import { openRepository } from "../../github/repository.js";
import { type CommandLimiter, commandLimitKey, LIMITED_REACTION } from "../../infra/command-limit.js";
import { type RepoLock, repoLockKey } from "../../infra/lock.js";
import { createCommandLimiter } from "../../infra/redis-command-limit.js";
import { createRepoLock } from "../../infra/redis-lock.js";
import { type FlowContext, onFollowupEdited } from "../../runs/validate/flow.js";
import { onNotDoingClosed, onNotDoingComment } from "../../runs/validate/not-doing.js";
import { onFollowupClosed } from "../../runs/validate/proof-on-close.js";
import { onValidatedCommand } from "../../runs/validate/validated-command.js";

/**
 * Validation enforcement: proof when a follow-up closes, and the `/validated` command (the PR check
 * is registered on its own, ./check.ts). Routing only: the flows are in src/runs/validate/flow.ts,
 * GitHub behind src/github/validation-ports.ts.
 */

export interface ValidationHandlerOptions {
  /** The app's bot login; `GET /app` once by default. */
  identity?: BotIdentity;
  /** Serialises the flows with the merge sync per repository: both rewrite follow-up issue bodies,
   *  so they share the process's lock (Redis with REDIS_URL). A redelivery waits, then finds its
   *  work done. */
  issueLock?: RepoLock;
  /** Rate limits of comment commands per repository, issue and user (shared with
   *  `/followups status`; Redis with REDIS_URL). */
  commandLimiter?: CommandLimiter;
}

interface IssuePayload {
  number: number;
  body?: string | null;
  state?: string;
  state_reason?: string | null;
  closed_at?: string | null;
  pull_request?: unknown;
  labels?: ({ name?: string } | string)[];
  user: { login: string; type?: string } | null;
}

interface RepositoryPayload {
  name: string;
  full_name: string;
  html_url: string;
  default_branch?: string;
  owner: { login?: string; name?: string | null };
}

type Log = Context["log"];

export function registerValidation(app: Probot, options: ValidationHandlerOptions = {}): void {
  const identity = options.identity ?? createBotIdentity(app);
  const lock = options.issueLock ?? createRepoLock(process.env, app.log);
  const limiter = options.commandLimiter ?? createCommandLimiter(process.env, app.log);

  /** Is this an issue the app authored, with a follow-up marker? (No request needed.) */
  function isFollowupIssue(issue: IssuePayload, botLogin: string, log: Log): boolean {
    if (issue.pull_request) {
      log.debug("a pull request, not a follow-up issue: ignored");
      return false;
    }
    if (
      !issue.user ||
      !isTrustedAuthor({ author: issue.user.login, authorType: issue.user.type ?? null }, botLogin)
    ) {
      log.debug({ author: issue.user?.login }, "not an issue the app authored: ignored");
      return false;
    }
    if (!readFollowupMarker(issue.body)) {
      log.debug("no follow-up marker: ignored");
      return false;
    }
    return true;
  }

  /** The flow context when the issue is one of the app's tracked follow-ups; null (logged) otherwise. */
  async function followup(
    context: Context,
    issue: IssuePayload,
    botLogin: string,
    log: Log,
  ): Promise<FlowContext | null> {
    if (!isFollowupIssue(issue, botLogin, log)) return null;
    const marker = readFollowupMarker(issue.body)!;
    const repository = (context.payload as { repository: RepositoryPayload }).repository;
    const owner = repository.owner.login ?? repository.owner.name ?? repository.full_name.split("/")[0]!;
    const repo = repository.name;
    const github = openRepository(context.octokit as GitHubClient, { owner, repo }, { config: context });
    // A follow-up routed here from another repository's postmortem (issue 17): that repository's
    // config applies, and its evidence is checked there; the issue itself is this one.
    const home = routedHome(marker.home, owner, repo);
    const postmortemRepository = home
      ? openRepository(context.octokit as GitHubClient, { owner, repo: home })
      : github;
    const loaded = await postmortemRepository.loadConfig();
    if (!loaded.ok) {
      log.warn({ problems: loaded.problems.length }, "the configuration is invalid: validation skipped");
      return null;
    }
    const config = loaded.config;
    const tracking = config.labels.tracking.name.toLowerCase();
    const labels = (issue.labels ?? []).map((l) =>
      (typeof l === "string" ? l : (l.name ?? "")).toLowerCase(),
    );
    if (!labels.includes(tracking)) {
      log.info({ label: config.labels.tracking.name }, "no tracking label: not a tracked follow-up, ignored");
      return null;
    }
    const serverUrl = new URL(repository.html_url).origin;
    const options = {
      defaultBranch: repository.default_branch ?? "main",
      serverUrl,
      language: config.language,
      allowed: { httpHosts: config.validation.httpHosts, tickets: config.validation.tickets },
    };
    const ports = github.validation(options);
    return {
      ports: home
        ? withEvidenceFrom(ports, postmortemRepository.validation({ ...options, defaultBranch: "HEAD" }))
        : ports,
      config,
      marker,
      issue: { number: issue.number, repository: `${owner}/${repo}`, serverUrl },
      botLogin,
      log: { info: (obj, msg) => log.info(obj, msg), warn: (obj, msg) => log.warn(obj, msg) },
    };
  }

  /** The postmortem's repository name when the marker names another of the same owner; else null. */
  function routedHome(home: string | undefined, owner: string, repo: string): string | null {
    if (!home) return null;
    const [homeOwner, name] = home.split("/");
    if (
      !name ||
      homeOwner?.toLowerCase() !== owner.toLowerCase() ||
      name.toLowerCase() === repo.toLowerCase()
    )
      return null;
    return name;
  }

  function childLog(context: Context, event: string, issue: number): Log {
    const repository = (context.payload as { repository: RepositoryPayload }).repository;
    return context.log.child({ repository: repository.full_name, delivery: context.id, event, issue });
  }

  /** The "seen, over the limit" reaction; a failure is only logged. */
  async function react(context: Context, commentId: number, log: Log): Promise<void> {
    const repository = (context.payload as { repository: RepositoryPayload }).repository;
    const [owner = "", repo = ""] = repository.full_name.split("/");
    try {
      await openRepository(context.octokit as GitHubClient, { owner, repo }).react(
        commentId,
        LIMITED_REACTION,
      );
    } catch (error) {
      log.warn({ err: error }, "could not react to the command");
    }
  }

  function lockKey(context: Context, _issue: number): string {
    const repository = (context.payload as { repository: RepositoryPayload }).repository;
    const [owner = "", repo = ""] = repository.full_name.split("/");
    return repoLockKey(owner, repo);
  }

  app.on("issues.closed", async (context) => {
    const { issue, sender } = context.payload;
    const log = childLog(context, "issues.closed", issue.number);
    const botLogin = await identity();
    if (isOwnEvent(sender, botLogin)) {
      log.info("closed by the app itself: ignored");
      return;
    }
    if (!isFollowupIssue(issue as IssuePayload, botLogin, log)) return;
    if (issue.state_reason === "not_planned") {
      // Not doing: no proof, but a reason and who accepted the risk (src/domain/validation/not-doing.ts).
      if (readNotDoing(issue.body)) {
        log.info("closed as not planned; a reason is already recorded");
        return;
      }
      const ctx = await followup(context, issue as IssuePayload, botLogin, log);
      if (!ctx) return;
      await lock.withLock(lockKey(context, issue.number), () =>
        onNotDoingClosed(ctx, {
          closedAt: issue.closed_at ?? new Date().toISOString(),
          closedBy: sender.login,
        }),
      );
      return;
    }
    if (closeKind(issue.state_reason) === "not-doing") {
      // A duplicate names the other issue: GitHub keeps the reason for the reports; nothing to write.
      log.info({ stateReason: issue.state_reason }, "closed as duplicate: not doing, no evidence needed");
      return;
    }
    const ctx = await followup(context, issue as IssuePayload, botLogin, log);
    if (!ctx) return;
    await lock.withLock(lockKey(context, issue.number), () =>
      onFollowupClosed(ctx, {
        stateReason: issue.state_reason ?? null,
        closedAt: issue.closed_at ?? new Date().toISOString(),
        closedBy: sender.login,
      }),
    );
  });

  app.on("issue_comment.created", async (context) => {
    const { issue, comment } = context.payload;
    // Most comments are not commands: decide that before any request.
    if (parseNotDoingCommand(comment.body)) return notDoingCommand(context);
    if (!parseValidatedCommand(comment.body)) {
      if (mayGiveReason(issue as IssuePayload, comment)) return notDoingReason(context);
      return;
    }
    const admitted = await admitCommand(context, "/validated");
    if (!admitted) return;
    const { ctx, login, limitKey, log } = admitted;
    await lock.withLock(lockKey(context, issue.number), () =>
      onValidatedCommand(
        ctx,
        {
          id: comment.id,
          body: comment.body,
          login,
          url: comment.html_url,
          createdAt: comment.created_at,
        },
        async () => (await limiter.outsider(limitKey, log)).action,
      ),
    );
  });

  /**
   * A plain comment on a follow-up closed as not planned, made with the close and before a reason
   * was recorded (all from the payload: any other comment costs no request).
   */
  function mayGiveReason(
    issue: IssuePayload,
    comment: { created_at: string; user: { type?: string } | null },
  ): boolean {
    if (issue.state !== "closed" || issue.state_reason !== "not_planned" || !issue.closed_at) return false;
    if (!comment.user || comment.user.type === "Bot" || readNotDoing(issue.body)) return false;
    return Math.abs(Date.parse(comment.created_at) - Date.parse(issue.closed_at)) <= REASON_WINDOW_MS;
  }

  async function notDoingReason(context: Context<"issue_comment.created">): Promise<void> {
    const { issue, comment } = context.payload;
    const log = childLog(context, "issue_comment.created", issue.number);
    const botLogin = await identity();
    if (isOwnEvent(comment.user, botLogin) || !comment.user) return;
    const ctx = await followup(context, issue as IssuePayload, botLogin, log);
    if (!ctx) return;
    const login = comment.user.login;
    await lock.withLock(lockKey(context, issue.number), () =>
      onNotDoingComment(ctx, {
        id: comment.id,
        body: comment.body,
        login,
        url: comment.html_url,
        createdAt: comment.created_at,
      }),
    );
  }

  /**
   * Who may run a command on a follow-up issue, shared by `/validated` and `/not-doing`: not a bot,
   * on one of our follow-ups, within the command limits. The limits are consulted before any
   * request: an outsider already answered on this issue, or anyone over the per-minute budget,
   * costs one reaction at most.
   */
  async function admitCommand(context: Context<"issue_comment.created">, command: string) {
    const { issue, comment } = context.payload;
    const log = childLog(context, "issue_comment.created", issue.number);
    const botLogin = await identity();
    if (comment.user?.type === "Bot" || isOwnEvent(comment.user, botLogin)) {
      log.info({ author: comment.user?.login }, `${command} by a bot: ignored`);
      return null;
    }
    if (!comment.user || !isFollowupIssue(issue as IssuePayload, botLogin, log)) return null;
    const login = comment.user.login;
    const repository = (context.payload as { repository: RepositoryPayload }).repository;
    const limitKey = commandLimitKey(repository.full_name, issue.number, login);
    const arrival = await limiter.arrive(limitKey, log);
    if (arrival.action !== "answer") {
      log.info({ login, ...arrival }, `${command} over the command limits`);
      if (arrival.action === "react") await react(context, comment.id, log);
      return null;
    }
    const ctx = await followup(context, issue as IssuePayload, botLogin, log);
    return ctx ? { ctx, login, limitKey, log } : null;
  }

  /** `/not-doing [reason]`: under the same command limits as `/validated`. */
  async function notDoingCommand(context: Context<"issue_comment.created">): Promise<void> {
    const { issue, comment } = context.payload;
    const admitted = await admitCommand(context, "/not-doing");
    if (!admitted) return;
    const { ctx, login, limitKey, log } = admitted;
    await lock.withLock(lockKey(context, issue.number), () =>
      onNotDoingComment(
        ctx,
        { id: comment.id, body: comment.body, login, url: comment.html_url, createdAt: comment.created_at },
        async () => (await limiter.outsider(limitKey, log)).action,
      ),
    );
  }

  app.on("issues.edited", async (context) => {
    const { issue, sender } = context.payload;
    // Only a closed follow-up still waiting for proof is of interest.
    if (issue.state !== "closed") return;
    const log = childLog(context, "issues.edited", issue.number);
    const botLogin = await identity();
    if (isOwnEvent(sender, botLogin)) return;
    const ctx = await followup(context, issue as IssuePayload, botLogin, log);
    if (!ctx) return;
    const flagged = (issue.labels ?? []).some(
      (l) => (l.name ?? "").toLowerCase() === ctx.config.labels.needsValidation.name.toLowerCase(),
    );
    if (!flagged) return;
    await lock.withLock(lockKey(context, issue.number), () =>
      onFollowupEdited(ctx, { editedBy: sender.login, at: issue.updated_at }),
    );
  });
}

/** The issue's ports with the evidence checked in the postmortem's repository (`HEAD`: its default branch). */
function withEvidenceFrom(ports: ValidationPorts, evidence: ValidationPorts): ValidationPorts {
  return new Proxy(ports, {
    get(target, prop, receiver) {
      if (prop === "resolveEvidence") return evidence.resolveEvidence.bind(evidence);
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
