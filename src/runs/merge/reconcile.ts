import { managedLabelNames } from "../../domain/config/load.js";
import type { Config, LabelSpec, Language } from "../../domain/config/schema.js";
import { hasErrors, type Problem } from "../../domain/diagnostics/problem.js";
import { blobUrl, buildDesired, isTeam, mdLink } from "../../domain/followups/desired.js";
import {
  type ActualFollowup,
  type DesiredFollowup,
  followupKey,
  type PlannedAction,
  type PullRef,
  type RepoRef,
} from "../../domain/followups/model.js";
import { planReconcile } from "../../domain/followups/plan.js";
import type { FollowupMarker } from "../../domain/markers/marker.js";
import { fileLevelProblem, type ParsedFollowup, parsePostmortem } from "../../domain/postmortem/parse.js";
import { LIMITS, type Postmortem, type Term } from "../../domain/postmortem/schema.js";
import { errorMessage, isAmbiguousWriteError, statusOf } from "../../github/client.js";
import type { ChangedFile, LabelOutcome, Milestone, RepoFile, RepoGateway } from "../../github/gateway.js";
import { trustedFollowups } from "../../github/tracked-issues.js";
import { detail, t } from "../../text/catalog/index.js";
import { render } from "../../text/templates.js";
import { postmortemMatcher, selectPostmortemFiles } from "./files.js";

/** The logger reconcile writes to (pino's shape; Probot's `context.log` fits). */
export interface SyncLog {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

const silentLog: SyncLog = { debug() {}, info() {}, warn() {}, error() {} };

export interface ReconcileInput {
  gateway: RepoGateway;
  config: Config;
  repo: RepoRef;
  /** Changed files (the handler passes a merge's or push's; the sweep passes every known postmortem). */
  files: readonly ChangedFile[];
  /** The commit to read the postmortems at (the merge commit). */
  ref: string;
  /** The pull request that merged them, when there is one. */
  pr: PullRef | null;
  /** YYYY-MM-DD the postmortem merged: default due dates count from it. */
  mergedOn: string;
  /** The app's own bot login ("slug[bot]"): only its issues are trusted. */
  botLogin: string;
  log?: SyncLog;
}

export type FileOutcome =
  | "reconciled" // valid: its follow-ups were reconciled
  | "errors" // the file has errors: nothing was created, updated or closed for it
  | "skipped" // not a postmortem (e.g. Markdown without front matter)
  | "missing" // not found at the merge commit
  | "removed"; // deleted: its open follow-ups were closed

export interface FileReport {
  path: string;
  status: ChangedFile["status"];
  previousPath?: string;
  outcome: FileOutcome;
  problems: Problem[];
  postmortem: Postmortem | null;
  note?: string;
}

export type FollowupState = "created" | "updated" | "unchanged" | "failed";

export interface FollowupReport {
  key: string;
  path: string;
  id: string;
  term: Term;
  category: string;
  title: string;
  owner: string | null;
  ownerProblem: string | null;
  due: string;
  number: number | null;
  url: string | null;
  issueState: "open" | "closed" | null;
  state: FollowupState;
  /** What an update changed (title, owner, labels, milestone, body, restored). */
  reasons: string[];
  /** Found after an ambiguous create error: the first create had taken effect. */
  recovered?: boolean;
}

export interface ClosedReport {
  key: string;
  path: string;
  id: string;
  number: number;
  title: string;
  reason: "removed-item" | "removed-file" | "duplicate";
  duplicateOf?: number;
  ok: boolean;
}

export interface OwnerProblemReport {
  owner: string;
  reason: "unknown-login" | "no-access";
  message: string;
  keys: string[];
}

export interface FailureReport {
  /** What was being done, e.g. "create postmortems/a.md#x" or "label category: system". */
  operation: string;
  key?: string;
  number?: number;
  status?: number;
  message: string;
}

export interface ReconcileResult {
  files: FileReport[];
  followups: FollowupReport[];
  closed: ClosedReport[];
  ownerProblems: OwnerProblemReport[];
  labelsCreated: string[];
  milestones: {
    title: string;
    number: number;
    dueOn: string | null;
    change: "created" | "updated" | "unchanged";
  }[];
  failures: FailureReport[];
  /** Issues with a copied follow-up marker but not authored by the app: ignored. */
  untrusted: number[];
  /** Writes to GitHub made by this run (0 when everything already matched). */
  writes: number;
  actions: PlannedAction[];
}

interface ValidFile {
  path: string;
  postmortem: Postmortem;
  followups: ParsedFollowup[];
}

/**
 * Reconcile one repository: read each postmortem at the merge commit, parse (a file with errors
 * changes nothing; the others proceed), read the tracked issues ONCE, build the desired state,
 * plan, apply. The apply step is the only writer; one item's error does not stop the others, and
 * a re-run completes what failed. Callers serialise runs per repository (`RepoLock`).
 */
export async function reconcileRepository(input: ReconcileInput): Promise<ReconcileResult> {
  const { gateway, config, repo } = input;
  const log = input.log ?? silentLog;
  const result: ReconcileResult = {
    files: [],
    followups: [],
    closed: [],
    ownerProblems: [],
    labelsCreated: [],
    milestones: [],
    failures: [],
    untrusted: [],
    writes: 0,
    actions: [],
  };

  const selected = selectPostmortemFiles(input.files, postmortemMatcher(config));
  if (selected.length === 0) {
    log.info({ files: input.files.length }, "no postmortem among the changed files: nothing to reconcile");
    return result;
  }

  // 1. Read and parse each file at the merge commit: several in one request when the gateway
  // can (a file it could not read that way, or a failed batch, is read on its own below).
  const toRead = selected.filter((f) => f.status !== "removed").map((f) => f.path);
  const prefetched =
    toRead.length > 1 && gateway.readFiles
      ? await gateway
          .readFiles(toRead, { ref: input.ref, maxBytes: LIMITS.fileBytes })
          .catch(() => new Map<string, RepoFile | null>())
      : new Map<string, RepoFile | null>();
  const valid: ValidFile[] = [];
  const scope = new Set<string>();
  const removedFiles = new Set<string>();
  const renames = new Map<string, string>();
  const githubHost = new URL(repo.serverUrl).host;
  for (const file of selected) {
    const report: FileReport = {
      path: file.path,
      status: file.status,
      ...(file.previousPath ? { previousPath: file.previousPath } : {}),
      outcome: "reconciled",
      problems: [],
      postmortem: null,
    };
    result.files.push(report);
    if (file.status === "removed") {
      report.outcome = "removed";
      scope.add(file.path);
      removedFiles.add(file.path);
      continue;
    }
    let parsed: ReturnType<typeof parsePostmortem>;
    try {
      const content = prefetched.has(file.path)
        ? prefetched.get(file.path)!
        : await gateway.readFile(file.path, { ref: input.ref, maxBytes: LIMITS.fileBytes });
      if (!content) {
        report.outcome = "missing";
        report.note = t(config.language, "merge.note.not-found", { ref: input.ref.slice(0, 12) });
        log.warn({ path: file.path, ref: input.ref }, "postmortem not found at the merge commit: skipped");
        continue;
      }
      parsed =
        content.kind === "too-large"
          ? {
              file: file.path,
              format: "markdown",
              postmortem: null,
              followups: [],
              problems: [
                fileLevelProblem(
                  file.path,
                  detail("file-too-large", { bytes: content.size, limit: LIMITS.fileBytes, unit: "MiB" }),
                  config.language,
                ),
              ],
            }
          : parsePostmortem(file.path, content.content, config, { githubHost });
    } catch (error) {
      report.outcome = "errors";
      fail(result, log, { operation: `read ${file.path}` }, error);
      continue;
    }
    report.problems = parsed.problems;
    report.postmortem = parsed.postmortem;
    if (parsed.skipped) {
      report.outcome = "skipped";
      report.note = parsed.skipped;
      log.info({ path: file.path, reason: parsed.skipped }, "not a postmortem: skipped");
      continue;
    }
    if (hasErrors(parsed.problems) || !parsed.postmortem) {
      report.outcome = "errors";
      log.warn(
        { path: file.path, errors: parsed.problems.filter((p) => p.severity === "error").length },
        "postmortem has errors: nothing is created, updated or closed for it",
      );
      if (file.status === "renamed")
        report.note = t(config.language, "merge.note.renamed-with-errors", { from: file.previousPath ?? "" });
      continue;
    }
    valid.push({ path: file.path, postmortem: parsed.postmortem, followups: parsed.followups });
    scope.add(file.path);
    if (file.status === "renamed" && file.previousPath) renames.set(file.previousPath, file.path);
  }

  if (scope.size === 0) {
    log.info(
      { files: result.files.map((f) => `${f.path}: ${f.outcome}`) },
      "no valid or removed postmortem: nothing to write",
    );
    return result;
  }

  // 2. The actual state, read fresh, once.
  let actual: ActualFollowup[];
  try {
    actual = await readActual(gateway, config, input.botLogin, result, log);
  } catch (error) {
    fail(result, log, { operation: "list tracked issues" }, error);
    return result;
  }
  // A renamed postmortem keeps its issues: they move to the new path (the marker is rewritten).
  if (renames.size > 0) {
    actual = actual.map((issue) => {
      const to = renames.get(issue.marker.path);
      return to ? { ...issue, marker: { ...issue.marker, path: to } } : issue;
    });
  }

  // 3. Owners that cannot be assigned (never fails the run).
  const ownerProblems = await checkOwners(gateway, config.language, valid, actual, result, log);

  // 4. Desired state: the previous markers keep a default due date from moving.
  const previous = new Map<string, FollowupMarker>();
  for (const issue of [...actual].sort((a, b) => b.number - a.number))
    previous.set(followupKey(issue.marker.path, issue.marker.id), issue.marker);
  const desired: DesiredFollowup[] = valid.flatMap((file) =>
    buildDesired({
      path: file.path,
      postmortem: file.postmortem,
      followups: file.followups,
      config,
      repo,
      pr: input.pr,
      mergedOn: input.mergedOn,
      previous,
      ownerProblems,
    }),
  );

  // 5. Plan.
  const actions = planReconcile({
    desired,
    actual,
    scope,
    removedFiles,
    managedLabels: managedLabelNames(config),
  });
  result.actions = actions;
  const counts = { create: 0, update: 0, close: 0, unchanged: 0 };
  for (const a of actions) counts[a.type]++;
  log.info({ ...counts, files: valid.length, removed: removedFiles.size }, "planned");

  // 6. Apply: the only writer.
  await apply(input, actions, desired, actual, valid, result, log);
  return result;
}

async function readActual(
  gateway: RepoGateway,
  config: Config,
  botLogin: string,
  result: ReconcileResult,
  log: SyncLog,
): Promise<ActualFollowup[]> {
  const tracked = await gateway.listTrackedIssues(config.labels.tracking.name);
  const { actual, untrusted } = trustedFollowups(tracked, botLogin);
  result.untrusted = untrusted.map((i) => i.number);
  if (untrusted.length > 0)
    log.warn(
      { issues: result.untrusted, authors: [...new Set(untrusted.map((i) => i.author))] },
      "ignored issues with a follow-up marker not authored by the app",
    );
  return actual;
}

async function checkOwners(
  gateway: RepoGateway,
  language: Language,
  files: readonly ValidFile[],
  actual: readonly ActualFollowup[],
  result: ReconcileResult,
  log: SyncLog,
): Promise<Map<string, string>> {
  // Someone assigned to one of the app's issues here could be assigned: no request for them
  // (a redelivery, a re-merge or the weekly sweep would otherwise check every owner again).
  const assigned = new Set(actual.flatMap((a) => a.assignees.map((login) => login.toLowerCase())));
  const keysByOwner = new Map<string, string[]>();
  for (const file of files)
    for (const item of file.followups) {
      const owner = item.owner?.replace(/^@/, "");
      if (!owner || isTeam(owner) || assigned.has(owner.toLowerCase())) continue;
      const keys = keysByOwner.get(owner) ?? [];
      keys.push(followupKey(file.path, item.id));
      keysByOwner.set(owner, keys);
    }
  const problems = new Map<string, string>();
  for (const [owner, keys] of keysByOwner) {
    try {
      const check = await gateway.checkAssignable(owner);
      if (check.ok) continue;
      const message = t(language, `merge.owner.${check.reason}`);
      problems.set(owner, message);
      result.ownerProblems.push({ owner, reason: check.reason, message, keys });
      log.warn({ owner, reason: check.reason }, "owner cannot be assigned: issues are created without them");
    } catch (error) {
      // Unknown: assign anyway; GitHub drops an assignee it cannot assign.
      log.warn({ owner, err: error }, "could not check whether the owner can be assigned; assigning anyway");
    }
  }
  return problems;
}

function fail(
  result: ReconcileResult,
  log: SyncLog,
  where: { operation: string; key?: string; number?: number },
  error: unknown,
): void {
  const status = statusOf(error);
  const failure: FailureReport = {
    ...where,
    ...(status !== undefined ? { status } : {}),
    message: errorMessage(error).split("\n")[0]!.slice(0, 300),
  };
  result.failures.push(failure);
  log.error({ ...where, status, err: error }, `failed: ${where.operation}`);
}

function labelSpecs(config: Config): Map<string, LabelSpec> {
  const specs = new Map<string, LabelSpec>();
  const add = (spec: LabelSpec) => specs.set(spec.name.toLowerCase(), spec);
  add(config.labels.tracking);
  for (const spec of Object.values(config.labels.terms)) add(spec);
  for (const spec of Object.values(config.categories)) add(spec);
  for (const spec of Object.values(config.labels.severity)) add(spec);
  return specs;
}

/** Labels the writes need: created once when missing, with colour and description; never recoloured. */
async function ensureLabels(
  gateway: RepoGateway,
  config: Config,
  actions: readonly PlannedAction[],
  result: ReconcileResult,
  log: SyncLog,
): Promise<void> {
  const specs = labelSpecs(config);
  const needed = new Map<string, LabelSpec>();
  for (const action of actions) {
    const names =
      action.type === "create"
        ? action.labels
        : action.type === "update"
          ? (action.changes.labels ?? [])
          : [];
    for (const name of names) {
      const spec = specs.get(name.toLowerCase());
      if (spec) needed.set(name.toLowerCase(), spec);
    }
  }
  if (needed.size === 0) return;
  let existing: Set<string>;
  try {
    existing = new Set((await gateway.listLabels()).map((l) => l.name.toLowerCase()));
  } catch (error) {
    fail(result, log, { operation: "list labels" }, error);
    return;
  }
  const missing = [...needed].filter(([lower]) => !existing.has(lower)).map(([, spec]) => spec);
  // Several missing labels (a repository's first merge): one request when the gateway can.
  let outcomes: Map<string, LabelOutcome> | null = null;
  if (missing.length > 1 && gateway.createLabels) {
    try {
      outcomes = await gateway.createLabels(missing);
    } catch (error) {
      log.warn({ err: error }, "could not create the labels in one request: one by one");
    }
  }
  for (const spec of missing) {
    let outcome: LabelOutcome | undefined = outcomes?.get(spec.name);
    if (outcome === undefined) outcome = await gateway.createLabel(spec).catch((error: Error) => error);
    if (outcome instanceof Error) fail(result, log, { operation: `create label "${spec.name}"` }, outcome);
    else if (outcome === "created") {
      result.labelsCreated.push(spec.name);
      result.writes++;
    }
  }
}

/** One milestone per postmortem, due on its latest follow-up. Returns title -> number. */
async function ensureMilestones(
  gateway: RepoGateway,
  desired: readonly DesiredFollowup[],
  files: readonly ValidFile[],
  repo: RepoRef,
  language: Language,
  result: ReconcileResult,
  log: SyncLog,
): Promise<Map<string, number>> {
  const numbers = new Map<string, number>();
  const wanted = new Map<string, { due: string | null; path: string }>();
  for (const d of desired) {
    if (!d.milestone) continue;
    const current = wanted.get(d.milestone);
    if (!current) wanted.set(d.milestone, { due: d.due, path: d.path });
    else if (current.due === null || d.due > current.due) current.due = d.due;
  }
  if (wanted.size === 0) return numbers;
  let existing: Milestone[];
  try {
    existing = await gateway.listMilestones();
  } catch (error) {
    fail(result, log, { operation: "list milestones" }, error);
    return numbers;
  }
  const byTitle = new Map(existing.map((m) => [m.title, m]));
  for (const [title, { due, path }] of wanted) {
    const found = byTitle.get(title);
    try {
      if (!found) {
        const file = files.find((f) => f.path === path);
        const created = await gateway.createMilestone({
          title,
          dueOn: due,
          description: t(language, "merge.milestone.description", {
            postmortem: file ? blobUrl(repo, path) : path,
          }),
        });
        result.writes++;
        numbers.set(title, created.number);
        result.milestones.push({ title, number: created.number, dueOn: due, change: "created" });
      } else if (found.dueOn !== due) {
        await gateway.updateMilestone(found.number, { dueOn: due });
        result.writes++;
        numbers.set(title, found.number);
        result.milestones.push({ title, number: found.number, dueOn: due, change: "updated" });
      } else {
        numbers.set(title, found.number);
        result.milestones.push({ title, number: found.number, dueOn: due, change: "unchanged" });
      }
    } catch (error) {
      if (found) numbers.set(title, found.number);
      fail(result, log, { operation: `milestone "${title}"` }, error);
    }
  }
  return numbers;
}

function followupReport(d: DesiredFollowup, ownerProblem: string | null): FollowupReport {
  return {
    key: d.key,
    path: d.path,
    id: d.id,
    term: d.term,
    category: d.category,
    title: d.title,
    owner: d.owner,
    ownerProblem,
    due: d.due,
    number: null,
    url: null,
    issueState: null,
    state: "failed",
    reasons: [],
  };
}

async function apply(
  input: ReconcileInput,
  actions: readonly PlannedAction[],
  desired: readonly DesiredFollowup[],
  actual: readonly ActualFollowup[],
  files: readonly ValidFile[],
  result: ReconcileResult,
  log: SyncLog,
): Promise<void> {
  const { gateway, config, repo } = input;
  const issueUrl = (n: number) => `${repo.serverUrl}/${repo.owner}/${repo.repo}/issues/${n}`;
  const byNumber = new Map(actual.map((a) => [a.number, a]));
  const problemByOwner = new Map(result.ownerProblems.map((p) => [p.owner, p.message]));
  const reports = new Map<string, FollowupReport>();
  for (const d of desired) {
    const report = followupReport(d, d.owner ? (problemByOwner.get(d.owner) ?? null) : null);
    reports.set(d.key, report);
    result.followups.push(report);
  }

  const writing = actions.some((a) => a.type !== "unchanged");
  if (writing) await ensureLabels(gateway, config, actions, result, log);
  const milestones = config.milestones
    ? await ensureMilestones(gateway, desired, files, repo, config.language, result, log)
    : new Map<string, number>();
  const milestoneNumber = (title: string | null | undefined): number | null | undefined => {
    if (title === undefined) return undefined;
    if (title === null) return null;
    return milestones.get(title);
  };

  for (const action of actions) {
    switch (action.type) {
      case "unchanged": {
        const report = reports.get(action.key)!;
        report.state = "unchanged";
        report.number = action.number;
        report.url = issueUrl(action.number);
        report.issueState = byNumber.get(action.number)?.state ?? "open";
        break;
      }
      case "create": {
        const report = reports.get(action.key)!;
        const created = await createOnce(input, action, log, result);
        if (created) {
          report.state = "created";
          report.number = created.number;
          report.url = created.url;
          report.issueState = "open";
          if (created.recovered) report.recovered = true;
        }
        break;
      }
      case "update": {
        const report = reports.get(action.key)!;
        report.number = action.number;
        report.url = issueUrl(action.number);
        report.issueState = byNumber.get(action.number)?.state ?? "open";
        const { milestone, ...changes } = action.changes;
        const number = milestoneNumber(milestone);
        try {
          await gateway.updateIssue(action.number, {
            ...changes,
            ...(number !== undefined ? { milestone: number } : {}),
          });
          result.writes++;
          report.state = "updated";
          report.reasons = action.reasons;
          if (changes.state === "open") report.issueState = "open";
          log.info(
            { issue: action.number, key: action.key, reasons: action.reasons },
            "updated follow-up issue",
          );
        } catch (error) {
          report.state = "failed";
          fail(
            result,
            log,
            { operation: `update #${action.number}`, key: action.key, number: action.number },
            error,
          );
        }
        break;
      }
      case "close": {
        const issue = byNumber.get(action.number);
        const closed: ClosedReport = {
          key: action.key,
          path: action.path,
          id: action.id,
          number: action.number,
          title: issue?.title ?? action.id,
          reason: action.reason,
          ...(action.duplicateOf !== undefined ? { duplicateOf: action.duplicateOf } : {}),
          ok: false,
        };
        result.closed.push(closed);
        try {
          await gateway.updateIssue(action.number, {
            state: "closed",
            stateReason: "not_planned",
            ...(action.body !== issue?.body ? { body: action.body } : {}),
          });
          result.writes++;
          closed.ok = true;
          log.info(
            { issue: action.number, key: action.key, reason: action.reason },
            "closed follow-up issue",
          );
        } catch (error) {
          fail(
            result,
            log,
            { operation: `close #${action.number}`, key: action.key, number: action.number },
            error,
          );
          break;
        }
        try {
          await gateway.createComment(
            action.number,
            render(config.language, "followup-removed", {
              reason: action.reason,
              removedItem: action.reason === "removed-item",
              removedFile: action.reason === "removed-file",
              duplicate: action.reason === "duplicate",
              duplicateOf: action.duplicateOf ?? null,
              id: action.id,
              path: action.path,
              postmortem: mdLink(action.path, blobUrl(repo, action.path)),
              pr: input.pr ? `#${input.pr.number}` : null,
            }).trimEnd(),
          );
          result.writes++;
        } catch (error) {
          fail(
            result,
            log,
            { operation: `comment on #${action.number}`, key: action.key, number: action.number },
            error,
          );
        }
        break;
      }
    }
  }

  async function createOnce(
    input: ReconcileInput,
    action: Extract<PlannedAction, { type: "create" }>,
    log: SyncLog,
    result: ReconcileResult,
  ): Promise<{ number: number; url: string; recovered?: boolean } | null> {
    const milestone = milestoneNumber(action.desired.milestone) ?? null;
    const issue = {
      title: action.title,
      body: action.body,
      labels: action.labels,
      assignees: action.assignees,
      milestone,
    };
    const where = { operation: `create ${action.key}`, key: action.key };
    try {
      const created = await input.gateway.createIssue(issue);
      result.writes++;
      log.info({ issue: created.number, key: action.key }, "created follow-up issue");
      return created;
    } catch (error) {
      if (!isAmbiguousWriteError(error)) {
        fail(result, log, where, error);
        return null;
      }
      // The write may have taken effect: look for the marker before creating again.
      log.warn(
        { key: action.key, status: statusOf(error), err: error },
        "create failed ambiguously: re-reading",
      );
      try {
        const fresh = await readActual(input.gateway, config, input.botLogin, result, log);
        const found = fresh
          .filter((a) => a.marker.path === action.desired.path && a.marker.id === action.desired.id)
          .sort((a, b) => a.number - b.number)[0];
        if (found) {
          result.writes++;
          log.info(
            { issue: found.number, key: action.key },
            "the failed create had taken effect: not creating again",
          );
          return { number: found.number, url: issueUrl(found.number), recovered: true };
        }
        const created = await input.gateway.createIssue(issue);
        result.writes++;
        log.info({ issue: created.number, key: action.key }, "created follow-up issue on retry");
        return created;
      } catch (retryError) {
        fail(result, log, where, retryError);
        return null;
      }
    }
  }
}
