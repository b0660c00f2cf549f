import type { Config } from "../../domain/config/schema.js";
import type { ChangedFile } from "../../domain/ports.js";
import { type PathMatcher, postmortemPathMatcher } from "../../domain/postmortem/paths.js";

export type { PathMatcher };

/**
 * Is a repository path a postmortem under the config's globs? The check's and the CLI's
 * predicate (src/domain/postmortem/paths.ts): one compile function, the same bounds, the same answer.
 */
export function postmortemMatcher(config: Pick<Config, "paths">): PathMatcher {
  return postmortemPathMatcher(config.paths);
}

/**
 * The default branch's paths that are postmortems under the config's `paths`, sorted: what the
 * sweep and the progress reports read (the same compile function as the check, `lint` and the merge).
 */
export function postmortemsOfTree(paths: readonly string[], config: Pick<Config, "paths">): string[] {
  return paths.filter(postmortemMatcher(config)).sort();
}

/**
 * The changed files that are postmortems. A rename keeps its identity only when both paths are
 * postmortems; renamed into the globs is an addition, renamed out of them a removal of the old path.
 */
export function selectPostmortemFiles(
  files: readonly ChangedFile[],
  isPostmortem: PathMatcher,
): ChangedFile[] {
  const byPath = new Map<string, ChangedFile>();
  for (const file of files) {
    if (file.status === "renamed" && file.previousPath) {
      const from = isPostmortem(file.previousPath);
      const to = isPostmortem(file.path);
      if (from && to) byPath.set(file.path, file);
      else if (to) byPath.set(file.path, { path: file.path, status: "added" });
      else if (from) byPath.set(file.previousPath, { path: file.previousPath, status: "removed" });
      continue;
    }
    if (isPostmortem(file.path)) byPath.set(file.path, { path: file.path, status: file.status });
  }
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}

export interface PushCommit {
  added?: string[] | null;
  modified?: string[] | null;
  removed?: string[] | null;
}

/**
 * The net effect of a push's commits, in order: a path's last operation wins (removed, or else
 * present at the push's head). A push payload has no renames: they show as removed + added.
 */
export function filesFromPushCommits(commits: readonly PushCommit[]): ChangedFile[] {
  const byPath = new Map<string, ChangedFile>();
  for (const commit of commits) {
    for (const path of commit.added ?? []) byPath.set(path, { path, status: "added" });
    for (const path of commit.modified ?? []) {
      const before = byPath.get(path);
      byPath.set(path, { path, status: before?.status === "added" ? "added" : "modified" });
    }
    for (const path of commit.removed ?? []) byPath.set(path, { path, status: "removed" });
  }
  return [...byPath.values()];
}
