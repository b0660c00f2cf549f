import type { Config } from "../../domain/config/schema.js";
import { blobUrl, mdLink } from "../../domain/followups/desired.js";
import type { RepoRef } from "../../domain/followups/model.js";
import {
  type ExistingTracker,
  findTracker,
  followupRef,
  planTracker,
  type TrackerCandidate,
  type TrackerFollowup,
  trackerUpdate,
} from "../../domain/followups/tracker.js";
import { MAX_LINKED, renderTrackerMarker, type TrackerMarker } from "../../domain/markers/tracker.js";
import { isTrustedAuthor, type RepoGateway, type TrackedIssue } from "../../domain/ports.js";
import { progressItems } from "../../domain/progress/items.js";
import type { ProgressItem } from "../../domain/progress/model.js";
import { isAmbiguousWriteError, statusOf } from "../../github/client.js";
import { t } from "../../text/catalog/index.js";
import { inline } from "../../text/sanitize.js";
import { render } from "../../text/templates.js";
import type { ValidFile } from "./read.js";
import { type FollowupReport, fail, issueRef, type ReconcileResult, type SyncLog } from "./report.js";
import { rowsByTerm } from "./summary.js";

/**
 * The tracker issues of `tracker: true` (issue 17), after a reconcile has applied its plan (so on
 * every merge and every sweep): one issue per postmortem in its repository, found by its marker
 * (src/domain/markers/tracker.ts) among the tracked issues the run already read, with each
 * follow-up attached as a sub-issue (or listed as a task list where the API answers 404). Its body
 * is the pull request summary's table for that postmortem plus the progress line; it is written
 * only when it changed, and the tracker closes itself once every follow-up is finished. The plan
 * is pure (src/domain/followups/tracker.ts); this file reads, renders and writes.
 *
 * Requests: none when nothing changed (the tracked issues come from the reconcile's read); one
 * create per new tracker, one POST per follow-up attached, one update when the body or state moved.
 */

export interface TrackerInput {
  gateway: RepoGateway;
  config: Config;
  repo: RepoRef;
  botLogin: string;
}

const TRACKER = (path: string) => `tracker for ${path}`;

/** Done and validated, or not doing with a reason: what lets a tracker close. */
function finished(item: ProgressItem): boolean {
  if (item.state !== "closed") return false;
  if (item.stateReason === "not_planned" || item.stateReason === "duplicate") return !item.needsReason;
  return item.validated;
}

function candidates(tracked: readonly TrackedIssue[], botLogin: string): TrackerCandidate[] {
  return tracked.map((i) => ({
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    trusted: isTrustedAuthor(i, botLogin),
  }));
}

interface Rendered {
  title: string;
  body: string;
}

function renderTracker(
  input: TrackerInput,
  file: ValidFile,
  reports: readonly FollowupReport[],
  followups: readonly TrackerFollowup[],
  marker: TrackerMarker,
  closed: boolean,
): Rendered {
  const { config, repo } = input;
  const lang = config.language;
  const done = new Set(followups.filter((f) => f.finished).map(followupRef));
  const body = render(lang, "tracker", {
    link: mdLink(file.path, blobUrl(repo, file.path)),
    progress: t(lang, "tracker.progress", { finished: done.size, total: followups.length }),
    complete: closed ? t(lang, "tracker.complete") : null,
    why: t(lang, "tracker.task-list"),
    taskList:
      marker.mode === "task-list"
        ? followups.map((f) => ({ ref: issueRef(f.number, f.repository), done: done.has(followupRef(f)) }))
        : null,
    tooMany:
      followups.length > MAX_LINKED
        ? t(lang, "tracker.too-many", { max: MAX_LINKED, total: followups.length })
        : null,
    terms: rowsByTerm(reports, config),
  }).trimEnd();
  return {
    title: t(lang, "tracker.title", { title: inline(file.postmortem.title) }),
    body: `${renderTrackerMarker(marker)}\n${body}\n`,
  };
}

/**
 * Attach the follow-ups; returns the marker as it stands afterwards. A 404 means no sub-issues API
 * (an older GitHub Enterprise Server): the rest become task-list lines without asking again. A
 * tracker that was a task list and now attaches (the server was upgraded) forgets its old lines, so
 * the next run attaches them too.
 */
async function attach(
  input: TrackerInput,
  number: number,
  marker: TrackerMarker,
  link: readonly TrackerFollowup[],
  result: ReconcileResult,
  log: SyncLog,
): Promise<TrackerMarker> {
  const { gateway } = input;
  let linked = [...marker.linked];
  let routed = [...(marker.routed ?? [])];
  let mode = marker.mode;
  // Attached: a follow-up of the postmortem's repository by number, one elsewhere by reference.
  const add = (f: TrackerFollowup) => (f.repository ? routed.push(followupRef(f)) : linked.push(f.number));
  let missing = !gateway.addSubIssue;
  let present: Set<string> | null = null;
  const where = (f: TrackerFollowup) => ({ operation: `attach #${f.number} to tracker #${number}`, number });
  for (const f of link) {
    if (missing || !gateway.addSubIssue) {
      mode = "task-list";
      add(f);
      continue;
    }
    if (f.databaseId === null) {
      log.warn({ tracker: number, issue: f.number }, "no database id for the follow-up: not attached");
      continue;
    }
    try {
      await gateway.addSubIssue(number, f.databaseId);
      result.writes++;
      if (mode === "task-list") {
        linked = [];
        routed = [];
      }
      mode = "sub-issues";
      add(f);
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) {
        log.info({ tracker: number }, "the sub-issues API answered 404: the tracker lists its follow-ups");
        missing = true;
        mode = "task-list";
        add(f);
      } else if (status === 422 && gateway.listSubIssues) {
        // Already attached (a write that took effect before an ambiguous failure), or another parent.
        const own = `${gateway.owner}/${gateway.repo}`.toLowerCase();
        present ??= new Set(
          ((await gateway.listSubIssues(number).catch(() => null)) ?? []).map((s) =>
            followupRef({
              number: s.number,
              ...(s.repository.toLowerCase() === own ? {} : { repository: s.repository }),
            }),
          ),
        );
        if (present.has(followupRef(f))) add(f);
        else fail(result, log, where(f), error);
      } else fail(result, log, where(f), error);
    }
  }
  return { ...marker, linked, ...(routed.length > 0 ? { routed } : {}), mode };
}

/** Create the tracker; after an ambiguous failure, look for it before giving up (never twice). */
async function createTracker(
  input: TrackerInput,
  file: ValidFile,
  rendered: Rendered,
  result: ReconcileResult,
  log: SyncLog,
): Promise<ExistingTracker | null> {
  const { gateway, config } = input;
  try {
    const created = await gateway.createIssue({
      title: rendered.title,
      body: rendered.body,
      labels: [config.labels.tracking.name],
      assignees: [],
    });
    result.writes++;
    const marker: TrackerMarker = { path: file.path, linked: [], mode: "sub-issues" };
    return {
      number: created.number,
      title: rendered.title,
      body: rendered.body,
      state: "open",
      trusted: true,
      marker,
    };
  } catch (error) {
    if (!isAmbiguousWriteError(error)) {
      fail(result, log, { operation: TRACKER(file.path) }, error);
      return null;
    }
    try {
      const fresh = await gateway.listTrackedIssues(config.labels.tracking.name);
      const found = findTracker(candidates(fresh, input.botLogin), file.path).tracker;
      if (found) return found;
    } catch {
      // Reported below.
    }
    fail(result, log, { operation: TRACKER(file.path) }, error);
    return null;
  }
}

/** Bring every reconciled postmortem's tracker in step. Never throws: failures go to the result. */
export async function syncTrackers(
  input: TrackerInput,
  files: readonly ValidFile[],
  renames: ReadonlyMap<string, string>,
  result: ReconcileResult,
  log: SyncLog,
): Promise<void> {
  const { gateway, config, botLogin } = input;
  let tracked: TrackedIssue[];
  try {
    tracked = await gateway.listTrackedIssues(config.labels.tracking.name);
  } catch (error) {
    fail(result, log, { operation: "list tracked issues for the trackers" }, error);
    return;
  }
  result.trackedAfter = tracked;
  // By repository and number: a routed follow-up's number is its repository's (issue 17).
  const ref = (number: number, repository?: string) =>
    followupRef({ number, ...(repository ? { repository } : {}) });
  const items = new Map(
    progressItems(tracked, config, botLogin).flatMap((i) =>
      i.number === null ? [] : [[ref(i.number, i.repository), i] as const],
    ),
  );
  const issues = new Map(tracked.map((i) => [ref(i.number, i.repository), i]));
  const all = candidates(tracked, botLogin);
  for (const file of files) {
    const reports = result.followups.filter((f) => f.path === file.path);
    const followups: TrackerFollowup[] = reports.flatMap((f) => {
      const item =
        f.number === null || f.state === "adopted" ? undefined : items.get(ref(f.number, f.repository));
      if (!item || f.number === null) return [];
      return [
        {
          number: f.number,
          ...(f.repository ? { repository: f.repository } : {}),
          databaseId: issues.get(ref(f.number, f.repository))?.databaseId ?? null,
          finished: finished(item),
        },
      ];
    });
    const previous = [...renames].find(([, to]) => to === file.path)?.[0];
    const found = findTracker(all, file.path, previous);
    const plan = planTracker(followups, found);
    let tracker = found.tracker;
    const wantedState = plan.state;
    if (plan.create) {
      // Written as it will be once every follow-up is attached, so the usual run needs no update.
      const attachable = plan.link.filter((f) => f.databaseId !== null);
      const routed = attachable.filter((f) => f.repository).map(followupRef);
      const optimistic: TrackerMarker = {
        path: file.path,
        linked: attachable.filter((f) => !f.repository).map((f) => f.number),
        ...(routed.length > 0 ? { routed } : {}),
        mode: "sub-issues",
      };
      const rendered = renderTracker(input, file, reports, followups, optimistic, false);
      tracker = await createTracker(input, file, rendered, result, log);
      if (!tracker) continue;
      tracker = { ...tracker, body: rendered.body };
      log.info({ tracker: tracker.number, path: file.path }, "tracker issue created");
      note(result, { path: file.path, number: tracker.number, change: "created" });
    }
    if (!tracker) continue;
    const marker = await attach(
      input,
      tracker.number,
      { ...tracker.marker, path: file.path },
      plan.link,
      result,
      log,
    );
    const wanted = renderTracker(input, file, reports, followups, marker, wantedState === "closed");
    const update = trackerUpdate(tracker, { ...wanted, state: wantedState });
    if (update) {
      try {
        await gateway.updateIssue(tracker.number, update);
        result.writes++;
        if (update.state === "closed")
          note(result, { path: file.path, number: tracker.number, change: "closed" });
      } catch (error) {
        fail(result, log, { operation: `update tracker #${tracker.number}`, number: tracker.number }, error);
      }
    }
    for (const duplicate of plan.duplicates) await closeTracker(input, duplicate, "duplicate", result, log);
  }
  // A deleted postmortem's follow-ups were closed as not planned: so is its tracker.
  for (const path of result.files.filter((f) => f.outcome === "removed").map((f) => f.path)) {
    const { tracker, duplicates } = findTracker(all, path);
    for (const number of [tracker?.state === "open" ? tracker.number : null, ...duplicates])
      if (number !== null) await closeTracker(input, number, "not_planned", result, log);
  }
}

function note(result: ReconcileResult, change: NonNullable<ReconcileResult["trackers"]>[number]): void {
  result.trackers = [...(result.trackers ?? []), change];
}

async function closeTracker(
  input: TrackerInput,
  number: number,
  reason: "duplicate" | "not_planned",
  result: ReconcileResult,
  log: SyncLog,
): Promise<void> {
  try {
    await input.gateway.updateIssue(number, { state: "closed", stateReason: reason });
    result.writes++;
  } catch (error) {
    fail(result, log, { operation: `close tracker #${number}`, number }, error);
  }
}
