/**
 * Per-repository serialisation. Two runs for one repository (the `pull_request.closed` and `push`
 * of one squash merge, a redelivery, the weekly sweep) never interleave: each run reads GitHub
 * fresh once the previous one has written, so it sees the issues that run created.
 *
 * `RepoLock` is the seam for a lock shared by several replicas (Redis): an implementation only has
 * to run `task` while holding `key` exclusively, and release it whatever happens.
 */
export interface RepoLock {
  withLock<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Release connections (the CLI's sweep closes its Redis connection so the process can exit). */
  close?(): Promise<void>;
}

/** The lock key of a repository: case-insensitive, like GitHub's names. */
export function repoLockKey(owner: string, repo: string): string {
  return `${owner}/${repo}`.toLowerCase();
}

/** An in-process keyed mutex: tasks with the same key run one after another, in arrival order. */
export class InProcessRepoLock implements RepoLock {
  readonly #tails = new Map<string, Promise<void>>();

  async withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    this.#tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      // Forget the key once nobody queued behind this task (no unbounded map growth).
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }

  /** Keys with a running or queued task (for tests and diagnostics). */
  get busyKeys(): string[] {
    return [...this.#tails.keys()];
  }
}
