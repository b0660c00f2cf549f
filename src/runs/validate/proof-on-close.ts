import { readMarker, renderMarker } from "../../domain/markers/marker.js";
import type { PortComment, ValidationPorts } from "../../domain/ports.js";
import {
  checklistItems,
  checklistState,
  day,
  type LinkedEvidence,
  linkedCandidates,
  parseValidatedCommand,
  recordedEvidence,
} from "../../domain/validation/proof.js";
import { t } from "../../text/catalog/index.js";
import { inline, quietLogin } from "../../text/sanitize.js";
import { render } from "../../text/templates.js";
import {
  clearNeedsValidation,
  type FlowContext,
  hasLabel,
  isBot,
  isOurs,
  mdLink,
  pullRef,
  type ReplyMarker,
  record,
} from "./flow.js";
import { commandVerdict, MAX_ARGUMENT } from "./validated-command.js";

/**
 * A follow-up closed as completed: proof from its ticked validation plan, a linked pull request or
 * commit, or a `/validated` comment; else ask for it (and reopen, per `validation.on_close`).
 */

/** Linked evidence that counts, and who vouched for a pull request (its merger or author). */
type LinkedProof =
  | { kind: "commit"; evidence: Extract<LinkedEvidence, { type: "commit" }> }
  | {
      kind: "pull";
      evidence: Extract<LinkedEvidence, { type: "pull" }>;
      by: { login: string; role: "merger" | "author" };
    };

function linkedEntry(linked: LinkedProof, ctx: FlowContext): string {
  const lang = ctx.config.language;
  if (linked.kind === "commit")
    return t(lang, "evidence.entry.commit", {
      link: mdLink(linked.evidence.oid.slice(0, 7), linked.evidence.url),
    });
  const { pull, via } = linked.evidence;
  return t(lang, "evidence.entry.pull", {
    ref: pullRef(pull, ctx.issue.repository),
    title: inline(pull.title),
    via,
    login: quietLogin(linked.by.login),
    role: linked.by.role,
  });
}

/**
 * Write access per login, asked once per run (the close flow asks about mergers, authors and
 * `/validated` commenters, often the same people). `requests` counts the lookups made.
 */
export class AccessCache {
  readonly #known = new Map<string, Promise<boolean>>();
  requests = 0;

  constructor(private readonly ports: Pick<ValidationPorts, "hasWriteAccess">) {}

  /** Has this login been asked about already (no request to answer again)? */
  knows(login: string): boolean {
    return this.#known.has(login.toLowerCase());
  }

  has(login: string): Promise<boolean> {
    const key = login.toLowerCase();
    let known = this.#known.get(key);
    if (!known) {
      this.requests++;
      known = this.ports.hasWriteAccess(login);
      this.#known.set(key, known);
    }
    return known;
  }
}

/** Most linked pull requests whose author and merger are asked about, per close. */
export const MAX_LINKED_CANDIDATES = 10;

/**
 * The first linked pull request (or commit) that counts: a candidate of `linkedCandidates` whose
 * merger or author has write access to the follow-up's repository, with who vouched for it.
 */
async function linkedEvidence(ctx: FlowContext, access: AccessCache): Promise<LinkedProof | null> {
  const candidates = linkedCandidates(await ctx.ports.issueLinks(ctx.issue.number), {
    repository: ctx.issue.repository,
    postmortemPull: ctx.marker.pr,
    proofRepositories: ctx.config.validation.proofRepositories,
  });
  for (const evidence of candidates.slice(0, MAX_LINKED_CANDIDATES)) {
    if (evidence.type === "commit") return { kind: "commit", evidence };
    for (const role of ["merger", "author"] as const) {
      const login = role === "merger" ? evidence.pull.mergedBy : evidence.pull.author;
      if (login && (await access.has(login))) return { kind: "pull", evidence, by: { login, role } };
    }
    ctx.log.info(
      { pull: evidence.pull.url, author: evidence.pull.author, mergedBy: evidence.pull.mergedBy },
      "linked pull request: neither its author nor its merger has write access, not evidence",
    );
  }
  return null;
}

/** Find a `/validated` comment by someone with write access whose evidence holds. */
async function commandEvidence(
  ctx: FlowContext,
  comments: readonly PortComment[],
  access: AccessCache,
): Promise<string | null> {
  for (const comment of comments) {
    if (isBot(comment) || !comment.author) continue;
    const command = parseValidatedCommand(comment.body);
    if (!command?.argument) continue;
    const login = comment.author;
    if (!(await access.has(login)) || command.argument.length > MAX_ARGUMENT) continue;
    const verdict = commandVerdict(await ctx.ports.resolveEvidence(command.argument), ctx, {
      login,
      at: comment.createdAt,
      url: comment.url,
    });
    if (verdict.ok) return verdict.entry;
  }
  return null;
}

export type CloseOutcome =
  | "not-doing"
  | "reopened-since"
  | "already-recorded"
  | "recorded-checklist"
  | "recorded-link"
  | "recorded-command"
  | "no-evidence-off"
  | "no-evidence-comment"
  | "no-evidence-reopen"
  | "already-asked";

/** A follow-up was closed as completed: find proof, record it, or ask for it. */
export async function onFollowupClosed(
  ctx: FlowContext,
  close: { stateReason: string | null; closedAt: string; closedBy: string },
): Promise<CloseOutcome> {
  const { ports, issue, log } = ctx;
  if (close.stateReason === "not_planned" || close.stateReason === "duplicate") {
    log.info({ stateReason: close.stateReason }, "closed as not planned: not doing, no evidence needed");
    return "not-doing";
  }
  const current = await ports.getIssue(issue.number);
  if (current.state !== "closed") {
    log.info({}, "the issue is open again: nothing to check");
    return "reopened-since";
  }
  if (recordedEvidence(current.body).length > 0) {
    log.info({}, "evidence already recorded");
    await clearNeedsValidation(ctx, current.labels);
    return "already-recorded";
  }
  if (checklistState(current.body).complete) {
    const entry = t(ctx.config.language, "evidence.entry.checklist", {
      login: quietLogin(close.closedBy),
      date: day(close.closedAt),
    });
    await record(ctx, current.body, current.labels, entry);
    log.info({}, "validation plan fully ticked: recorded");
    return "recorded-checklist";
  }
  const access = new AccessCache(ports);
  const linked = await linkedEvidence(ctx, access);
  if (linked) {
    await record(ctx, current.body, current.labels, linkedEntry(linked, ctx));
    log.info(
      {
        linked: linked.evidence,
        permissionLookups: access.requests,
        ...(linked.kind === "pull" ? { by: linked.by } : {}),
      },
      "linked pull request or commit: recorded",
    );
    return "recorded-link";
  }
  const comments = await ports.listComments(issue.number);
  const fromCommand = await commandEvidence(ctx, comments, access);
  if (fromCommand) {
    await record(ctx, current.body, current.labels, fromCommand);
    log.info({}, "/validated comment: recorded");
    return "recorded-command";
  }

  const policy = ctx.config.validation.onClose;
  if (policy === "off") {
    log.info({}, "closed without evidence; validation.on_close is off: nothing to do");
    return "no-evidence-off";
  }
  const asked = comments.some((c) => {
    if (!isOurs(c, ctx.botLogin)) return false;
    const data = readMarker<ReplyMarker>("evidence-reply", c.body);
    return data?.kind === "needs-validation" && data.closedAt === close.closedAt;
  });
  const label = ctx.config.labels.needsValidation;
  await ports.ensureLabel(label);
  if (!hasLabel(current.labels, label.name)) await ports.addLabel(issue.number, label.name);
  if (!asked) {
    const body = render(ctx.config.language, "needs-validation", {
      marker: renderMarker("evidence-reply", { closedAt: close.closedAt, kind: "needs-validation" }),
      plan: checklistItems(current.body).map((i) => ({ text: inline(i.text), ticked: i.ticked })),
      label: inline(label.name).replace(/`/g, ""),
      reopened: policy === "reopen",
    });
    await ports.createComment(issue.number, body);
  }
  if (policy === "reopen") await ports.reopen(issue.number);
  log.info({ policy, alreadyAsked: asked }, "closed without evidence: asked for it");
  return asked ? "already-asked" : policy === "reopen" ? "no-evidence-reopen" : "no-evidence-comment";
}
