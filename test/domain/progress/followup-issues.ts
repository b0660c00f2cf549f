import type { Config } from "../../../src/domain/config/schema.js";
import {
  EVIDENCE_BEGIN,
  EVIDENCE_END,
  MANAGED_BEGIN,
  MANAGED_END,
  renderMarker,
} from "../../../src/domain/markers/marker.js";
import type { FakeGitHub, FakeIssue } from "../../helpers/fake-github.js";

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
  author?: FakeIssue["author"];
}

/** A follow-up issue as the app creates it (marker, managed and evidence sections, labels). */
export function addFollowup(gh: FakeGitHub, config: Config, spec: FollowupSpec): FakeIssue {
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
  return gh.addIssue({
    title: `Follow-up ${spec.id}`,
    body,
    labels,
    created_at: "2026-03-20T09:31:00Z",
    ...(spec.author ? { author: spec.author } : {}),
    ...(spec.closed
      ? { state: "closed" as const, state_reason: spec.closed, closed_at: "2026-11-20T10:00:00Z" }
      : {}),
  });
}

/** Close as a person would; `evidence`: the validation records its evidence. */
export function close(issue: FakeIssue, reason: "completed" | "not_planned", evidence = true): void {
  issue.state = "closed";
  issue.state_reason = reason;
  issue.closed_at = "2026-11-26T10:00:00Z";
  if (evidence) issue.body = issue.body.replace("_No evidence yet._", "- Merged #42");
}
