import type { Term } from "../../text/catalog/labels.js";
import type { Config } from "../config/schema.js";
import { followupKey } from "../followups/model.js";
import { lastStep, nudgePolicy } from "../followups/nudges.js";
import { readFollowupMarker } from "../markers/marker.js";
import { countNudges, readNudgeMarker } from "../markers/nudges.js";
import { hasLapsed } from "../markers/recheck.js";
import { isTrustedAuthor, type TrackedIssue } from "../ports.js";
import { readNotDoing } from "../validation/not-doing.js";
import { recordedEvidence } from "../validation/proof.js";
import type { NotDoingReason, ProgressItem } from "./model.js";

/**
 * From the tracked issues (B's one paginated query) to the progress model's items: only issues
 * the app's bot authored, with a follow-up marker, and not closed because the item left the file.
 */

/**
 * Has evidence been recorded in the issue's evidence section? The validation flow's own reading
 * (src/domain/validation/proof.ts), so "validated" means the same in the report as on the issue.
 */
export function hasRecordedEvidence(body: string): boolean {
  return recordedEvidence(body).length > 0;
}

/**
 * "Done and validated": closed as completed, with evidence recorded in the issue's evidence
 * section (a linked merged pull request, a `/validated` command, or the fully ticked plan, as the
 * validation flow records them) and without the needs-validation label. Closed without proof
 * (also with `validation.on_close: off`) is "done, not validated".
 */
export function isValidated(
  issue: Pick<TrackedIssue, "state" | "stateReason" | "labels" | "body">,
  config: Pick<Config, "labels">,
): boolean {
  if (issue.state !== "closed") return false;
  const reason = issue.stateReason ?? "completed";
  if (reason !== "completed") return false;
  const needs = config.labels.needsValidation.name.toLowerCase();
  if (issue.labels.some((l) => l.toLowerCase() === needs)) return false;
  return hasRecordedEvidence(issue.body);
}

/** The recorded "not doing" reason of a follow-up issue (its evidence section's marker). */
export function notDoingReason(body: string): NotDoingReason | null {
  const record = readNotDoing(body);
  return record && { reason: record.reason, by: record.by, at: record.at, url: record.url };
}

function findKey<T extends { name: string }>(
  labels: readonly string[],
  specs: Record<string, T>,
): string | null {
  const lower = new Set(labels.map((l) => l.toLowerCase()));
  for (const [key, spec] of Object.entries(specs)) if (lower.has(spec.name.toLowerCase())) return key;
  return null;
}

export function progressItems(
  issues: readonly TrackedIssue[],
  config: Pick<Config, "labels" | "categories" | "reminders" | "escalation" | "duePolicy"> & {
    validation?: Pick<Config["validation"], "onClose">;
  },
  botLogin: string,
): ProgressItem[] {
  const items: ProgressItem[] = [];
  for (const issue of issues) {
    if (!isTrustedAuthor(issue, botLogin)) continue;
    const marker = readFollowupMarker(issue.body);
    if (!marker || marker.removed) continue;
    const term = findKey(issue.labels, config.labels.terms) as ProgressItem["term"];
    const last = lastStep({ body: issue.body, marker });
    const notDoing = notDoingReason(issue.body);
    const severity = findKey(issue.labels, config.labels.severity);
    const window = nudgePolicy(config, severity);
    items.push({
      key: followupKey(marker.path, marker.id),
      path: marker.path,
      id: marker.id,
      number: issue.number,
      url: issue.url,
      ...(issue.repository ? { repository: issue.repository } : {}),
      title: issue.title,
      term,
      category: findKey(issue.labels, config.categories),
      owner: marker.owner,
      due: marker.due,
      pr: marker.pr,
      state: issue.state,
      stateReason: issue.stateReason,
      createdAt: issue.createdAt,
      closedAt: issue.closedAt,
      validated: isValidated(issue, config),
      ...(last ? { nudge: { step: last.step, on: last.on } } : {}),
      severity,
      // "Due soon" in the reports is the due soon label's window (one rule, src/domain/policy/nudges.ts).
      dueSoon: { days: window.windowDays, businessDays: window.businessDays },
      notDoing,
      needsReason:
        issue.state === "closed" &&
        issue.stateReason === "not_planned" &&
        notDoing === null &&
        config.validation?.onClose !== "off",
      nudges: countNudges([readNudgeMarker(issue.body)]),
      ...(hasLapsed(issue.body, issue.state, issue.closedAt) ? { lapsed: true as const } : {}),
    });
  }
  return items;
}

/**
 * An item of a Markdown postmortem that got no issue of ours (issue 14): done in the file, or
 * adopting an existing issue of the repository that its tracking link names. The merge and the sweep
 * know them (their reconcile reports them as "done" / "adopted"); the weekly report counts them like
 * the follow-ups it created.
 */
export interface UntrackedFollowup {
  path: string;
  id: string;
  title: string;
  term: Term;
  category: string;
  owner: string | null;
  due: string;
  /** The postmortem's pull request (where the weekly report is posted). */
  pr: number | null;
  kind: "done" | "adopted";
  /** The item names a pull request or a commit (a link to one): done, it counts as validated. */
  proof: boolean;
  /** The adopted issue, and its state (only its state: the app never trusts its text). */
  issue?: {
    number: number;
    url: string;
    state: "open" | "closed";
    stateReason: string | null;
    closedAt: string | null;
  };
  /** When the app first saw the item (the merge day): the "created" time of an item without an issue. */
  since: string;
}

/**
 * Done items count as done (validated when they carry a pull request or commit link); adopted items
 * count as their issue is: open (so overdue by the item's due date) or closed (done, validated on the
 * same rule; closed as not planned or duplicate: not doing).
 */
export function untrackedItems(untracked: readonly UntrackedFollowup[]): ProgressItem[] {
  return untracked.map((u) => {
    const base = {
      key: followupKey(u.path, u.id),
      path: u.path,
      id: u.id,
      title: u.title,
      term: u.term,
      category: u.category,
      owner: u.owner,
      due: u.due,
      pr: u.pr,
      createdAt: u.since,
    };
    if (u.kind === "done" || !u.issue)
      return {
        ...base,
        number: null,
        url: null,
        state: "closed" as const,
        stateReason: "completed",
        closedAt: null,
        validated: u.proof,
      };
    return {
      ...base,
      number: u.issue.number,
      url: u.issue.url,
      state: u.issue.state,
      stateReason: u.issue.stateReason,
      closedAt: u.issue.closedAt,
      validated: u.issue.state === "closed" && u.proof,
    };
  });
}
