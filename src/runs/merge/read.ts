import type { Config, Language } from "../../domain/config/schema.js";
import { hasErrors } from "../../domain/diagnostics/problem.js";
import { followupsWithHints } from "../../domain/followups/markdown-items.js";
import type { ActualFollowup } from "../../domain/followups/model.js";
import { ownersToCheck } from "../../domain/followups/owners.js";
import type { ChangedFile, RepoFile, RepoGateway } from "../../domain/ports.js";
import { fileLevelProblem, type ParsedFollowup, parsePostmortem } from "../../domain/postmortem/parse.js";
import { LIMITS, type Postmortem } from "../../domain/postmortem/schema.js";
import { trustedFollowups } from "../../github/tracked-issues.js";
import { detail, t } from "../../text/catalog/index.js";
import { type FileReport, fail, OPERATION, type ReconcileResult, type SyncLog } from "./report.js";

/**
 * The reads of a reconcile run: the changed postmortems at the merge commit (parsed), the tracked
 * issues (only the app's own are trusted) and whether the owners can be assigned. Nothing here writes.
 */

/** A postmortem without errors: its follow-ups are reconciled. */
export interface ValidFile {
  path: string;
  postmortem: Postmortem;
  followups: ParsedFollowup[];
}

/** What the changed files ask for. */
export interface ChangedPostmortems {
  valid: ValidFile[];
  /** The files whose follow-ups this run owns: the valid ones and the removed ones. */
  scope: Set<string>;
  removedFiles: Set<string>;
  /** Old path -> new path of a valid renamed postmortem (its issues move with it). */
  renames: Map<string, string>;
}

/**
 * Read and parse each selected file at `ref` (a file with errors changes nothing; the others
 * proceed), one report per file in `result.files`. Several files in one request when the gateway can
 * (a file it could not read that way, or a failed batch, is read on its own).
 */
export async function readChangedPostmortems(
  gateway: RepoGateway,
  config: Config,
  selected: readonly ChangedFile[],
  ref: string,
  githubHost: string,
  result: ReconcileResult,
  log: SyncLog,
): Promise<ChangedPostmortems> {
  const toRead = selected.filter((f) => f.status !== "removed").map((f) => f.path);
  const prefetched =
    toRead.length > 1 && gateway.readFiles
      ? await gateway
          .readFiles(toRead, { ref, maxBytes: LIMITS.fileBytes })
          .catch(() => new Map<string, RepoFile | null>())
      : new Map<string, RepoFile | null>();
  const read: ChangedPostmortems = {
    valid: [],
    scope: new Set(),
    removedFiles: new Set(),
    renames: new Map(),
  };
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
      read.scope.add(file.path);
      read.removedFiles.add(file.path);
      continue;
    }
    let parsed: ReturnType<typeof parsePostmortem>;
    try {
      const content = prefetched.has(file.path)
        ? prefetched.get(file.path)!
        : await gateway.readFile(file.path, { ref, maxBytes: LIMITS.fileBytes });
      if (!content) {
        report.outcome = "missing";
        report.note = t(config.language, "merge.note.not-found", { ref: ref.slice(0, 12) });
        log.warn({ path: file.path, ref }, "postmortem not found at the merge commit: skipped");
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
      fail(result, log, { operation: OPERATION.read(file.path) }, error);
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
    read.valid.push({
      path: file.path,
      postmortem: parsed.postmortem,
      followups: followupsWithHints(parsed),
    });
    read.scope.add(file.path);
    if (file.status === "renamed" && file.previousPath) read.renames.set(file.previousPath, file.path);
  }
  return read;
}

/** The tracked issues, read fresh: only the app's own are trusted (the others are noted in the result). */
export async function readActual(
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

/**
 * Owners that cannot be assigned here: owner -> the problem's text (issues are created without them).
 * Never fails the run: an owner whose check fails is assigned anyway.
 */
export async function checkOwners(
  gateway: RepoGateway,
  language: Language,
  files: readonly ValidFile[],
  actual: readonly ActualFollowup[],
  result: ReconcileResult,
  log: SyncLog,
): Promise<Map<string, string>> {
  const problems = new Map<string, string>();
  for (const [owner, keys] of ownersToCheck(files, actual)) {
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
