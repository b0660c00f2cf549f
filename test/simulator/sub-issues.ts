/**
 * Sub-issues and issue transfer, modelled after GitHub:
 *
 * - REST `GET/POST …/issues/{n}/sub_issues`, `DELETE …/issues/{n}/sub_issue`,
 *   `PATCH …/issues/{n}/sub_issues/priority` (operationIds `issues/list-sub-issues`,
 *   `issues/add-sub-issue`, `issues/remove-sub-issue`, `issues/reprioritize-sub-issue`). The body
 *   names the sub-issue by its database `id` (not its number); the sub-issue may live in another
 *   repository of the same owner; an issue has at most one parent (`replace_parent` moves it) and
 *   a parent at most 100 sub-issues. Adding one twice is a 422, as on GitHub.
 * - The issue's `sub_issues_summary` (`total`, `completed`, `percent_completed`).
 * - `state.sub_issues = false` (`sim.setSubIssues(false)`) models a server without the API (an
 *   older GitHub Enterprise Server): every sub-issue endpoint answers 404 and issues carry no summary.
 *   The published GraphQL schema (@octokit/graphql-schema) has no sub-issue fields or mutations yet,
 *   so GraphQL `addSubIssue` cannot be checked against it and is not modelled.
 * - GraphQL `transferIssue` (see `transferIssue` below).
 */
import { ApiError, isoNow, type ModelCtx, notFound, validationFailed } from "./model.js";
import { findLabel, type SimIssue, type SimRepo, type SimState } from "./state.js";

export const MAX_SUB_ISSUES = 100;

/** An issue anywhere in the simulator by its database id. */
export function issueById(state: SimState, id: number): { repo: SimRepo; issue: SimIssue } | null {
  for (const repo of Object.values(state.repos)) {
    for (const issue of Object.values(repo.issues)) if (issue.id === id) return { repo, issue };
  }
  return null;
}

function requireFeature(state: SimState): void {
  if (!state.sub_issues) throw notFound();
}

export function subIssuesOf(state: SimState, parent: SimIssue): Array<{ repo: SimRepo; issue: SimIssue }> {
  requireFeature(state);
  return (parent.sub_issues ?? []).flatMap((id) => {
    const found = issueById(state, id);
    return found ? [found] : [];
  });
}

/** `sub_issues_summary` of an issue, or undefined where the API is missing. */
export function subIssuesSummary(
  state: SimState,
  issue: SimIssue,
): { total: number; completed: number; percent_completed: number } | undefined {
  if (!state.sub_issues || issue.pull) return undefined;
  const subs = subIssuesOf(state, issue);
  const completed = subs.filter((s) => s.issue.state === "closed").length;
  const total = subs.length;
  return { total, completed, percent_completed: total === 0 ? 0 : Math.floor((completed / total) * 100) };
}

function subIssueFromBody(state: SimState, body: unknown): { repo: SimRepo; issue: SimIssue } {
  const id = (body as { sub_issue_id?: unknown } | null)?.sub_issue_id;
  const found = typeof id === "number" ? issueById(state, id) : null;
  if (!found) throw notFound();
  return found;
}

export function addSubIssue(
  ctx: ModelCtx,
  parentRepo: SimRepo,
  parent: SimIssue,
  body: unknown,
): { repo: SimRepo; issue: SimIssue } {
  requireFeature(ctx.state);
  const sub = subIssueFromBody(ctx.state, body);
  const replace = (body as { replace_parent?: unknown }).replace_parent === true;
  const fail = (message: string) =>
    new ApiError(422, "Validation Failed", [
      { resource: "Issue", code: "invalid", field: "sub_issue_id", message },
    ]);
  if (sub.issue.pull || parent.pull) throw fail("Pull requests cannot be sub-issues or parents");
  if (sub.repo.owner.toLowerCase() !== parentRepo.owner.toLowerCase())
    throw fail("The sub-issue must belong to the same repository owner as the parent issue");
  if (sub.issue.id === parent.id) throw fail("An issue cannot be its own sub-issue");
  const list = parent.sub_issues ?? [];
  if (list.includes(sub.issue.id)) throw fail("Issue may not contain duplicate sub-issues");
  if (sub.issue.parent_id && !replace) throw fail("Sub issue may only have one parent");
  if (list.length >= MAX_SUB_ISSUES)
    throw fail(`Parent issue may not have more than ${MAX_SUB_ISSUES} sub-issues`);
  if (sub.issue.parent_id) {
    const previous = issueById(ctx.state, sub.issue.parent_id);
    if (previous)
      previous.issue.sub_issues = (previous.issue.sub_issues ?? []).filter((id) => id !== sub.issue.id);
  }
  parent.sub_issues = [...list, sub.issue.id];
  sub.issue.parent_id = parent.id;
  parent.updated_at = isoNow(ctx);
  return sub;
}

export function removeSubIssue(
  ctx: ModelCtx,
  parent: SimIssue,
  body: unknown,
): { repo: SimRepo; issue: SimIssue } {
  requireFeature(ctx.state);
  const sub = subIssueFromBody(ctx.state, body);
  if (!(parent.sub_issues ?? []).includes(sub.issue.id)) throw notFound();
  parent.sub_issues = (parent.sub_issues ?? []).filter((id) => id !== sub.issue.id);
  sub.issue.parent_id = null;
  parent.updated_at = isoNow(ctx);
  return sub;
}

export function reprioritizeSubIssue(ctx: ModelCtx, parent: SimIssue, body: unknown): void {
  requireFeature(ctx.state);
  const b = (body ?? {}) as { sub_issue_id?: number; after_id?: number; before_id?: number };
  const list = [...(parent.sub_issues ?? [])];
  const id = b.sub_issue_id;
  if (typeof id !== "number" || !list.includes(id)) throw notFound();
  const anchor = b.after_id ?? b.before_id;
  if (
    (b.after_id === undefined) === (b.before_id === undefined) ||
    anchor === undefined ||
    !list.includes(anchor)
  )
    throw validationFailed([{ resource: "Issue", code: "invalid", field: "after_id" }]);
  const without = list.filter((x) => x !== id);
  const at = without.indexOf(anchor) + (b.after_id !== undefined ? 1 : 0);
  without.splice(at, 0, id);
  parent.sub_issues = without;
}

/**
 * GraphQL `transferIssue`: the issue moves to a repository of the same owner and gets the next
 * number there; its node id, comments, events, assignees and sub-issue links go with it; labels
 * go only when the target has them (or `createLabelsIfMissing`), the milestone stays behind. The
 * old number answers 404 afterwards (GitHub redirects; the simulator does not).
 */
export function transferIssue(
  ctx: ModelCtx,
  from: SimRepo,
  issue: SimIssue,
  to: SimRepo,
  createLabelsIfMissing: boolean,
  ensureLabel: (repo: SimRepo, name: string) => void,
): SimIssue {
  if (issue.pull) throw new ApiError(422, "Pull requests cannot be transferred");
  if (from.owner.toLowerCase() !== to.owner.toLowerCase())
    throw new ApiError(422, "Issues can only be transferred between repositories of the same owner");
  if (from === to) return issue;
  const oldNumber = issue.number;
  const number = to.next_number;
  to.next_number += 1;
  delete from.issues[String(oldNumber)];
  issue.number = number;
  issue.labels = issue.labels.filter((name) => {
    if (findLabel(to, name)) return true;
    if (createLabelsIfMissing) {
      ensureLabel(to, name);
      return true;
    }
    return false;
  });
  issue.milestone = null;
  to.issues[String(number)] = issue;
  for (const c of from.comments.filter((c) => c.issue_number === oldNumber)) {
    from.comments.splice(from.comments.indexOf(c), 1);
    to.comments.push({ ...c, issue_number: number });
  }
  for (const e of from.events.filter((e) => e.issue_number === oldNumber)) {
    from.events.splice(from.events.indexOf(e), 1);
    to.events.push({ ...e, issue_number: number });
  }
  issue.updated_at = isoNow(ctx);
  return issue;
}
