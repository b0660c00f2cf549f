import type { IssueComment, RepoFile, RepoGateway } from "../domain/ports.js";

/**
 * The read cache of a sweep of one repository (it holds the repository, so nothing else writes
 * meanwhile):
 * - the tracked-issue query is read once and reused by every reconcile and by the weekly report,
 *   until this run writes an issue (then the next read is fresh);
 * - file reads are cached (a file checked before reconcile is not downloaded twice);
 * - comments are cached per issue until this run writes a comment.
 * A failed read is not cached: the next call asks again. Built by `openRepository` (./repository.ts).
 */

/** Methods that only read (anything else is a write: it clears what it may change). */
export const READS = new Set([
  "listTrackedIssues",
  "listRoutedIssues",
  "listAllTrackedIssues",
  "readFile",
  "readFiles",
  "listCommentsOf",
  "listPullFiles",
  "compareFiles",
  "findMergedPull",
  "listLabels",
  "checkAssignable",
  "listComments",
  "findMarkedComment",
  "listMilestones",
  "issueState",
  "listSubIssues",
  "readProject",
  "listTrackedIssuesInProject",
  // Not a read, but no request either: which project the tracked-issue reads bring along.
  "watchProject",
]);

/** Writes that change what the tracked-issue query returns. */
const ISSUE_WRITES = new Set(["createIssue", "updateIssue", "transferIssue"]);
const COMMENT_WRITES = new Set(["createComment", "updateComment"]);

export function readCache(inner: RepoGateway): RepoGateway {
  const tracked = new Map<string, ReturnType<RepoGateway["listTrackedIssues"]>>();
  const files = new Map<string, ReturnType<RepoGateway["readFile"]>>();
  const comments = new Map<number, ReturnType<RepoGateway["listComments"]>>();

  const forget = <T>(cache: Map<T, Promise<unknown>>, key: T, promise: Promise<unknown>) =>
    promise.catch(() => {
      cache.delete(key);
    });

  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== "string" || typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => unknown;
      switch (prop) {
        case "listTrackedIssues":
          return (label: string) => {
            let pending = tracked.get(label);
            if (!pending) {
              pending = method.call(target, label) as ReturnType<RepoGateway["listTrackedIssues"]>;
              tracked.set(label, pending);
              void forget(tracked, label, pending);
            }
            return pending;
          };
        case "readFile":
          return (path: string, opts?: { ref?: string; maxBytes?: number }) => {
            const key = JSON.stringify([path, opts?.ref ?? null, opts?.maxBytes ?? null]);
            let pending = files.get(key);
            if (!pending) {
              pending = method.call(target, path, opts) as ReturnType<RepoGateway["readFile"]>;
              files.set(key, pending);
              void forget(files, key, pending);
            }
            return pending;
          };
        case "readFiles":
          // One request for many files; each lands in the file cache, where reconcile's
          // `readFile` finds it. Paths it could not read are left to `readFile`.
          return async (paths: readonly string[], opts: { ref: string; maxBytes?: number }) => {
            const key = (path: string) => JSON.stringify([path, opts.ref ?? null, opts.maxBytes ?? null]);
            const wanted = paths.filter((path) => !files.has(key(path)));
            if (wanted.length > 0) {
              const read = (await method.call(target, wanted, opts)) as Map<string, RepoFile | null>;
              for (const [path, file] of read)
                if (!files.has(key(path))) files.set(key(path), Promise.resolve(file));
            }
            const out = new Map<string, RepoFile | null>();
            for (const path of paths) {
              const cached = files.get(key(path));
              if (cached) out.set(path, await cached);
            }
            return out;
          };
        case "listCommentsOf":
          return async (numbers: readonly number[]) => {
            const read = (await method.call(target, numbers)) as Map<number, IssueComment[]>;
            for (const [number, list] of read) comments.set(number, Promise.resolve(list));
            return read;
          };
        case "listComments":
          return (issue: number) => {
            let pending = comments.get(issue);
            if (!pending) {
              pending = method.call(target, issue) as ReturnType<RepoGateway["listComments"]>;
              comments.set(issue, pending);
              void forget(comments, issue, pending);
            }
            return pending;
          };
      }
      if (READS.has(prop)) return method.bind(target);
      return (...args: unknown[]) => {
        if (ISSUE_WRITES.has(prop)) tracked.clear();
        if (COMMENT_WRITES.has(prop)) comments.clear();
        return method.apply(target, args);
      };
    },
  });
}
