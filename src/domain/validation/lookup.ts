/** What evidence resolution looks up on GitHub, and what it found (shared by the resolver and its messages). */

/** One question to the GitHub API about this repository. */
export type Lookup =
  | { kind: "content"; ref: string; path: string }
  | { kind: "issue"; number: number }
  | { kind: "workflow"; file: string }
  | { kind: "run"; id: number }
  | { kind: "commit"; sha: string };

/**
 * What a lookup found. `forbidden`: the app lacks the permission to read it (GitHub answers 403),
 * so the evidence cannot be verified. Any other API failure is thrown by the gateway (the check
 * then fails with the reason: better a re-run than a pass that checked nothing).
 */
export type LookupResult =
  | {
      status: "found";
      /** Issue lookups only: a pull request, merged, and whether it is open or closed now. */
      pullRequest?: boolean;
      merged?: boolean;
      state?: "open" | "closed";
      title?: string;
      htmlUrl?: string;
    }
  | { status: "missing" }
  | { status: "gone" }
  | { status: "forbidden" }
  /** Not asked: the run's lookup budget was spent (a hostile or huge file). */
  | { status: "skipped" };
