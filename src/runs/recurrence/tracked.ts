import type { RepoGateway, TrackedIssue } from "../../domain/ports.js";

/**
 * Recurrence reuses the tracked issues a run already read: the merge's first read (before its own
 * writes make the primed gateway read them again; the earlier postmortems' issues are not among the
 * ones a merge writes), the check's one shared read.
 */

/** `gateway` with its `listTrackedIssues` answered by `list` (every other method its own, bound). */
export function withTrackedIssues(
  gateway: RepoGateway,
  list: (label: string) => Promise<TrackedIssue[]>,
): RepoGateway {
  return new Proxy(gateway, {
    get: (target, key) => {
      if (key === "listTrackedIssues") return list;
      const value = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** `gateway` remembering its first answer per label: `first(label)` gives it (or reads when none). */
export function recordingTrackedIssues(gateway: RepoGateway): {
  gateway: RepoGateway;
  first: (label: string) => Promise<TrackedIssue[]>;
} {
  const seen = new Map<string, Promise<TrackedIssue[]>>();
  const list = (label: string) => {
    const answer = gateway.listTrackedIssues(label);
    if (!seen.has(label)) {
      seen.set(label, answer);
      // A failed first read is not remembered: recurrence reads again.
      answer.catch(() => seen.delete(label));
    }
    return answer;
  };
  return {
    gateway: withTrackedIssues(gateway, list),
    first: (label) => seen.get(label) ?? gateway.listTrackedIssues(label),
  };
}
