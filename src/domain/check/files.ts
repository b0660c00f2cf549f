import { postmortemPathMatcher } from "../postmortem/paths.js";

/**
 * The check's file choice: the pull request's changed files that are postmortems under the
 * base's `paths` (a removed file is not checked). The matcher is the one compile function of
 * src/domain/postmortem/paths.ts, so the check, `lint`, the merge and the sweep agree on every path
 * (test/domain/postmortem/surfaces.test.ts runs them all over one table).
 */
export function checkedPostmortems(
  changed: readonly { path: string; status: string }[],
  paths: readonly string[],
): string[] {
  const isPostmortem = postmortemPathMatcher(paths);
  return changed.filter((f) => f.status !== "removed" && isPostmortem(f.path)).map((f) => f.path);
}
