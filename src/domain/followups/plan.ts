import {
  EVIDENCE_BEGIN,
  EVIDENCE_END,
  type FollowupMarker,
  MANAGED_BEGIN,
  MANAGED_END,
  readSection,
  renderMarker,
  replaceFollowupMarker,
  replaceSection,
} from "../markers/marker.js";
import {
  type ActualFollowup,
  type DesiredFollowup,
  followupKey,
  type IssueChanges,
  type PlannedAction,
} from "./model.js";

export interface PlanInput {
  desired: readonly DesiredFollowup[];
  /** Every tracked follow-up issue of the repository (the planner picks those in scope). */
  actual: readonly ActualFollowup[];
  /** Postmortem paths reconciled in this run: only their issues may be closed. */
  scope: ReadonlySet<string>;
  /** Postmortem paths deleted from the repository. */
  removedFiles?: ReadonlySet<string>;
  /** Label names the app manages (people's own labels are never removed). */
  managedLabels: ReadonlySet<string>;
}

/** The full body of a new follow-up issue. */
export function composeIssueBody(desired: DesiredFollowup): string {
  return [
    renderMarker("followup", desired.marker),
    MANAGED_BEGIN,
    desired.managedBody,
    MANAGED_END,
    "",
    EVIDENCE_BEGIN,
    desired.evidenceBody,
    EVIDENCE_END,
    "",
  ].join("\n");
}

/**
 * Keep the ticks people made in the validation checklist: a re-render must not untick them.
 * A line is the same item when its text after the checkbox is the same.
 */
export function carryTicks(desiredManaged: string, actualManaged: string | null): string {
  if (!actualManaged) return desiredManaged;
  // Item text -> the tick as the person wrote it ("x" or "X"), so carrying it is not a change.
  const ticked = new Map<string, string>();
  for (const line of actualManaged.split("\n")) {
    const m = /^(\s*)- \[([xX])\] (.*)$/.exec(line);
    if (m) ticked.set(`${m[1]}${m[3]}`, m[2]!);
  }
  if (ticked.size === 0) return desiredManaged;
  return desiredManaged
    .split("\n")
    .map((line) => {
      const m = /^(\s*)- \[ \] (.*)$/.exec(line);
      const tick = m ? ticked.get(`${m[1]}${m[2]}`) : undefined;
      return m && tick ? `${m[1]}- [${tick}] ${m[2]}` : line;
    })
    .join("\n");
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a.map((x) => x.toLowerCase()));
  return b.every((x) => s.has(x.toLowerCase()));
}

function desiredBody(actual: ActualFollowup, desired: DesiredFollowup, marker: FollowupMarker): string {
  const managed = carryTicks(desired.managedBody, readSection(actual.body, MANAGED_BEGIN, MANAGED_END));
  let body = replaceFollowupMarker(actual.body, marker);
  body = replaceSection(body, MANAGED_BEGIN, MANAGED_END, managed);
  if (readSection(body, EVIDENCE_BEGIN, EVIDENCE_END) === null) {
    body = replaceSection(body, EVIDENCE_BEGIN, EVIDENCE_END, desired.evidenceBody);
  }
  return body;
}

/** What to change on an existing issue so it matches the file; empty when nothing differs. */
export function diffIssue(
  actual: ActualFollowup,
  desired: DesiredFollowup,
  managedLabels: ReadonlySet<string>,
): { changes: IssueChanges; reasons: string[] } {
  const changes: IssueChanges = {};
  const reasons: string[] = [];
  const last = actual.marker;

  // Three-way merge (like kubectl's last-applied): a person's rename or reassignment survives
  // until the file itself changes that field.
  if (desired.title !== last.title && desired.title !== actual.title) {
    changes.title = desired.title;
    reasons.push("title");
  }
  if (desired.owner !== last.owner) {
    // The file's owner changed: the previous owner makes way for the new one; people whom a
    // person assigned besides (a helper, a reviewer) stay.
    const previous =
      last.owner && !last.owner.includes("/") ? last.owner.replace(/^@/, "").toLowerCase() : null;
    const kept = actual.assignees.filter((login) => login.toLowerCase() !== previous);
    const keptLower = new Set(kept.map((login) => login.toLowerCase()));
    const assignees = [...kept, ...desired.assignees.filter((login) => !keptLower.has(login.toLowerCase()))];
    if (!sameSet(assignees, actual.assignees)) {
      changes.assignees = assignees;
      reasons.push("owner");
    }
  }

  const managedLower = new Set([...managedLabels].map((l) => l.toLowerCase()));
  const desiredLower = new Set(desired.labels.map((l) => l.toLowerCase()));
  const kept = actual.labels.filter(
    (l) => !managedLower.has(l.toLowerCase()) || desiredLower.has(l.toLowerCase()),
  );
  const keptLower = new Set(kept.map((l) => l.toLowerCase()));
  const labels = [...kept, ...desired.labels.filter((l) => !keptLower.has(l.toLowerCase()))];
  if (!sameSet(labels, actual.labels)) {
    changes.labels = labels;
    reasons.push("labels");
  }

  if (desired.milestone !== null && desired.milestone !== actual.milestone) {
    changes.milestone = desired.milestone;
    reasons.push("milestone");
  }

  if (last.removed && actual.state === "closed") {
    // The item came back to the file after the app closed it: reopen.
    changes.state = "open";
    reasons.push("restored");
  }
  // The item's place in the file alone is no reason to write (an inserted row would rewrite every
  // issue below it): the marker keeps the place it had unless the body changes anyway.
  // Nor are the postmortem's authors (kept for escalation): an issue written before they were
  // recorded gets them with its next real change.
  const { pos: _pos, authors: _authors, ...rest } = desired.marker;
  const keptPlace: FollowupMarker = {
    ...rest,
    ...(last.pos === undefined ? {} : { pos: last.pos }),
    ...(last.authors === undefined ? {} : { authors: last.authors }),
  };
  let body = desiredBody(actual, desired, keptPlace);
  if (body !== actual.body) body = desiredBody(actual, desired, desired.marker);
  if (body !== actual.body) {
    changes.body = body;
    reasons.push("body");
  }
  return { changes, reasons };
}

/**
 * The planner: a pure function from (desired, actual) to actions. Existing issues are matched by
 * their marker's (path, id), never by title. The apply step is the only code that writes.
 */
export function planReconcile(input: PlanInput): PlannedAction[] {
  const byKey = new Map<string, ActualFollowup[]>();
  for (const issue of input.actual) {
    const key = followupKey(issue.marker.path, issue.marker.id);
    const list = byKey.get(key) ?? [];
    list.push(issue);
    byKey.set(key, list);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.number - b.number);

  const actions: PlannedAction[] = [];
  const desiredKeys = new Set<string>();
  for (const desired of input.desired) {
    desiredKeys.add(desired.key);
    // The issue in the repository the follow-up is routed to is the one kept (a duplicate elsewhere,
    // from a race, is closed); within one repository the oldest.
    const found = byKey.get(desired.key) ?? [];
    const [canonical, ...duplicates] = found.some((i) => !isIn(i, desired.repository))
      ? [...found].sort((a, b) => Number(!isIn(a, desired.repository)) - Number(!isIn(b, desired.repository)))
      : found;
    if (!canonical) {
      // Done in the file, or tracked by an existing issue it adopts: nothing to create.
      if (desired.disposition) continue;
      actions.push({
        type: "create",
        key: desired.key,
        desired,
        title: desired.title,
        body: composeIssueBody(desired),
        labels: desired.labels,
        assignees: desired.assignees,
      });
    } else {
      const { changes, reasons } = diffIssue(canonical, desired, input.managedLabels);
      const where = canonical.repository ? { repository: canonical.repository } : {};
      const moved = !isIn(canonical, desired.repository);
      if (moved) {
        // Routed elsewhere since: GitHub's transfer moves the issue (its number, comments and
        // history go with it), then the marker names its new place. A milestone is the repository's
        // own: set again there.
        reasons.unshift("moved");
        if (desired.milestone !== null && changes.milestone === undefined) {
          changes.milestone = desired.milestone;
          reasons.push("milestone");
        }
      }
      if (reasons.length === 0)
        actions.push({ type: "unchanged", key: desired.key, number: canonical.number, desired, ...where });
      else
        actions.push({
          type: "update",
          key: desired.key,
          number: canonical.number,
          desired,
          changes,
          reasons,
          ...where,
          ...(moved ? { transfer: desired.repository ? { to: desired.repository } : {} } : {}),
        });
    }
    for (const dup of duplicates) {
      if (dup.state !== "open") continue;
      actions.push({
        type: "close",
        key: desired.key,
        number: dup.number,
        reason: "duplicate",
        duplicateOf: canonical!.number,
        body: dup.body,
        path: dup.marker.path,
        id: dup.marker.id,
        ...(dup.repository ? { repository: dup.repository } : {}),
      });
    }
  }

  for (const [key, list] of byKey) {
    if (desiredKeys.has(key)) continue;
    for (const issue of list) {
      if (!input.scope.has(issue.marker.path) || issue.state !== "open") continue;
      const removedFile = input.removedFiles?.has(issue.marker.path) ?? false;
      actions.push({
        type: "close",
        key,
        number: issue.number,
        reason: removedFile ? "removed-file" : "removed-item",
        body: replaceFollowupMarker(issue.body, { ...issue.marker, removed: true }),
        path: issue.marker.path,
        id: issue.marker.id,
        ...(issue.repository ? { repository: issue.repository } : {}),
      });
    }
  }
  return actions;
}

/** Is the issue in `repository` (absent: the postmortem's own)? Repository names compare case-insensitively. */
function isIn(issue: ActualFollowup, repository: string | undefined): boolean {
  return (issue.repository?.toLowerCase() ?? null) === (repository?.toLowerCase() ?? null);
}

export function summarizePlan(actions: readonly PlannedAction[]): Record<PlannedAction["type"], number> {
  const counts = { create: 0, update: 0, close: 0, unchanged: 0 };
  for (const a of actions) counts[a.type]++;
  return counts;
}
