import type { IssueComment, RepoFile, RepoGateway } from "../../github/gateway.js";

/**
 * The gateway a sweep of one repository works through (it holds the repository, so nothing else
 * writes meanwhile):
 * - the tracked-issue query is read once and reused by every reconcile and by the weekly report,
 *   until this run writes an issue (then the next read is fresh);
 * - file reads are cached (a file checked before reconcile is not downloaded twice);
 * - in a dry run, every write is recorded instead of sent, and any method this wrapper
 *   does not know is treated as a write (recorded, never sent), so a dry run cannot write.
 */

/** Methods that only read. */
const READS = new Set([
  "listTrackedIssues",
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
]);

/** Writes that change what the tracked-issue query returns. */
const ISSUE_WRITES = new Set(["createIssue", "updateIssue"]);
const COMMENT_WRITES = new Set(["createComment", "updateComment"]);

export interface RecordedWrite {
  method: string;
  /** A short, human description: "create issue \"Canary every config change\"". */
  what: string;
}

/** What a dry run answers in place of GitHub. */
function fakeResult(method: string, args: unknown[]): unknown {
  switch (method) {
    case "createLabel":
      return "created";
    case "createIssue":
      return { number: 0, url: "" };
    case "createComment":
      return { id: 0, body: String(args[1] ?? ""), author: null, url: "" };
    case "createMilestone": {
      const input = (args[0] ?? {}) as { title?: string; dueOn?: string | null };
      return { number: 0, title: input.title ?? "", dueOn: input.dueOn ?? null, state: "open" };
    }
    default:
      return undefined;
  }
}

function describe(method: string, args: unknown[]): string {
  const first = args[0] as Record<string, unknown> | number | string | undefined;
  switch (method) {
    case "createIssue":
      return `create issue ${JSON.stringify((first as { title?: string })?.title ?? "")}`;
    case "updateIssue":
      return `update issue #${String(first)} (${Object.keys((args[1] as object) ?? {}).join(", ")})`;
    case "createComment":
      return `comment on #${String(first)}`;
    case "updateComment":
      return `edit comment ${String(first)}`;
    case "createLabel":
      return `create label ${JSON.stringify((first as { name?: string })?.name ?? "")}`;
    case "createMilestone":
      return `create milestone ${JSON.stringify((first as { title?: string })?.title ?? "")}`;
    case "updateMilestone":
      return `update milestone ${String(first)}`;
    default:
      return method;
  }
}

export interface SweepGateway extends RepoGateway {
  /** Writes a dry run recorded (empty otherwise). */
  readonly recorded: RecordedWrite[];
}

export function sweepGateway(inner: RepoGateway, options: { dryRun?: boolean } = {}): SweepGateway {
  const dryRun = options.dryRun ?? false;
  const recorded: RecordedWrite[] = [];
  const tracked = new Map<string, ReturnType<RepoGateway["listTrackedIssues"]>>();
  const files = new Map<string, ReturnType<RepoGateway["readFile"]>>();
  const comments = new Map<number, ReturnType<RepoGateway["listComments"]>>();

  const forget = <T>(cache: Map<T, Promise<unknown>>, key: T, promise: Promise<unknown>) =>
    promise.catch(() => {
      // A failed read is not cached: the next call asks again.
      cache.delete(key);
    });

  return new Proxy(inner as SweepGateway, {
    get(target, prop, receiver) {
      if (prop === "recorded") return recorded;
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
      return async (...args: unknown[]) => {
        if (ISSUE_WRITES.has(prop)) tracked.clear();
        if (COMMENT_WRITES.has(prop)) comments.clear();
        if (dryRun) {
          recorded.push({ method: prop, what: describe(prop, args) });
          return fakeResult(prop, args);
        }
        return method.apply(target, args);
      };
    },
  });
}
