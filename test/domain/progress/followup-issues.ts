import type { Config } from "../../../src/domain/config/schema.js";
import {
  EVIDENCE_BEGIN,
  EVIDENCE_END,
  MANAGED_BEGIN,
  MANAGED_END,
  renderMarker,
} from "../../../src/domain/markers/marker.js";
import type { SimIssue, SimRepo, Simulator } from "../../simulator/index.js";

export const DEFAULT_PATH = "postmortems/2026-03-12-payments.md";

export interface FollowupSpec {
  id: string;
  path?: string;
  pr?: number | null;
  due?: string;
  closed?: "completed" | "not_planned";
  evidence?: boolean;
  needsValidation?: boolean;
  term?: "short_term" | "long_term";
  /** Who opened the issue (default: the app). */
  author?: string;
}

/** A follow-up issue as the app creates it, as plain data: title, body (marker, managed and evidence sections), labels, state. */
export interface FollowupIssueData {
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
  state_reason: "completed" | "not_planned" | null;
  created_at: string;
  closed_at: string | null;
}

export function followupIssue(config: Config, spec: FollowupSpec): FollowupIssueData {
  const marker = renderMarker("followup", {
    path: spec.path ?? DEFAULT_PATH,
    id: spec.id,
    pr: spec.pr === undefined ? 7 : spec.pr,
    due: spec.due ?? "2026-12-20",
    title: `Follow-up ${spec.id}`,
    owner: "alice",
  });
  const evidence = spec.evidence ? "### Evidence\n\n- Merged #42" : "### Evidence\n\n_No evidence yet._";
  const body = [
    marker,
    MANAGED_BEGIN,
    "managed",
    MANAGED_END,
    "",
    EVIDENCE_BEGIN,
    evidence,
    EVIDENCE_END,
    "",
  ].join("\n");
  const labels = [
    config.labels.tracking.name,
    config.labels.terms[spec.term ?? "short_term"].name,
    config.categories.system!.name,
    ...(spec.needsValidation ? [config.labels.needsValidation.name] : []),
  ];
  return {
    title: `Follow-up ${spec.id}`,
    body,
    labels,
    state: spec.closed ? "closed" : "open",
    state_reason: spec.closed ?? null,
    created_at: "2026-03-20T09:31:00Z",
    closed_at: spec.closed ? "2026-11-20T10:00:00Z" : null,
  };
}

/** Seed `followupIssue(config, spec)` into a simulated repository, authored by the app unless `spec.author`. */
export function addFollowup(sim: Simulator, repo: SimRepo, config: Config, spec: FollowupSpec): SimIssue {
  const data = followupIssue(config, spec);
  const issue = sim.createIssue(repo, {
    title: data.title,
    body: data.body,
    labels: data.labels,
    user: spec.author ?? `${sim.state.app.slug}[bot]`,
  });
  return Object.assign(issue, {
    state: data.state,
    state_reason: data.state_reason,
    created_at: data.created_at,
    closed_at: data.closed_at,
  });
}

/** Close as a person would; `evidence`: the validation records its evidence. */
export function close(issue: SimIssue, reason: "completed" | "not_planned", evidence = true): void {
  issue.state = "closed";
  issue.state_reason = reason;
  issue.closed_at = "2026-11-26T10:00:00Z";
  if (evidence) issue.body = (issue.body ?? "").replace("_No evidence yet._", "- Merged #42");
}
