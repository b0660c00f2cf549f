import type { GitHubClient } from "./client.js";
import { statusOf } from "./client.js";

/**
 * Probot's config lookup falls back, for a repository without its own file, to the owner's `.github`
 * repository: the same file for every repository of the owner. A sweep opens many repositories of
 * one owner; with one `OwnerConfigCache` shared across them (`openRepository`'s `ownerConfigs`), it
 * reads that file once per owner (a 404 included), not once per repository. Other errors are not
 * remembered: the next repository asks again. The hook stays on an Octokit for its life, so an Octokit
 * belongs to one cache (a sweep's installation clients are its own).
 */
export interface OwnerConfigCache {
  /** The reads of the owners' `.github` files, by owner, path, ref and media type. */
  readonly reads: Map<string, Promise<unknown>>;
  /** The Octokits already answering from this cache (each is hooked once). */
  readonly hooked: WeakSet<GitHubClient>;
}

/** A cache for one run (a sweep): its lifetime is the caller's. */
export function ownerConfigCache(): OwnerConfigCache {
  return { reads: new Map(), hooked: new WeakSet() };
}

/** Make `octokit`'s reads of an owner's `.github/…` files go through `cache` (idempotent). */
export function useOwnerConfigCache(octokit: GitHubClient, cache: OwnerConfigCache): void {
  if (cache.hooked.has(octokit)) return;
  cache.hooked.add(octokit);
  octokit.hook.wrap("request", (request, options) => {
    const o = options as typeof options & { owner?: string; repo?: string; path?: string; ref?: string };
    if (
      options.method !== "GET" ||
      options.url !== "/repos/{owner}/{repo}/contents/{path}" ||
      o.repo !== ".github" ||
      !o.path?.startsWith(".github/")
    )
      return request(options);
    const key = JSON.stringify([o.owner?.toLowerCase(), o.path, o.ref ?? null, options.mediaType ?? null]);
    let pending = cache.reads.get(key);
    if (!pending) {
      const started = Promise.resolve(request(options));
      pending = started;
      cache.reads.set(key, started);
      started.catch((error: unknown) => {
        if (statusOf(error) !== 404) cache.reads.delete(key);
      });
    }
    return pending as ReturnType<typeof request>;
  });
}
