import {
  type EvidencePlan,
  type Lookup,
  type LookupResult,
  lookupKey,
} from "../domain/validation/resolve.js";
import { type GitHubClient, statusOf } from "./client.js";

/**
 * Evidence lookups (the check and `/validated`). Every request goes to the configured GitHub
 * API through the installation's Octokit, and only about the event's repository: URLs on other
 * hosts are never fetched (the planner in src/domain/validation/resolve.ts does not even produce a lookup
 * for them).
 */

/** At most this many distinct lookups per run: a hostile file cannot make the app hammer the API. */
export const LOOKUP_BUDGET = 300;
const CONCURRENCY = 6;
/** Aliases per GraphQL query of `resolveBatch`. */
export const LOOKUPS_PER_QUERY = 100;
const MAX_GRAPHQL_INT = 2_147_483_647;

function isRateLimit(error: unknown): boolean {
  const message = error instanceof Error ? error.message : "";
  return /rate limit/i.test(message);
}

/**
 * Runs lookups for one repository, cached and deduplicated for the whole run (the same path or
 * `#N` named by ten follow-ups is asked once, concurrent askers share the request).
 */
export class EvidenceResolver {
  readonly #cache = new Map<string, Promise<LookupResult>>();
  #spent = 0;
  #graphqlRequests = 0;
  readonly #asked = new Map<string, Lookup>();

  constructor(
    private readonly octokit: GitHubClient,
    readonly owner: string,
    readonly repo: string,
    private readonly budget = LOOKUP_BUDGET,
  ) {}

  /** Distinct requests made so far. */
  get requests(): number {
    return this.#spent;
  }

  lookup(lookup: Lookup): Promise<LookupResult> {
    const key = lookupKey(lookup);
    let pending = this.#cache.get(key);
    if (!pending) {
      if (this.#spent >= this.budget) return Promise.resolve({ status: "skipped" });
      this.#spent++;
      pending = this.#ask(lookup);
      this.#cache.set(key, pending);
    }
    return pending;
  }

  /** Resolve plans: alternatives of one plan are tried in order until one is found. */
  async resolve(plans: readonly EvidencePlan[]): Promise<Map<string, LookupResult>> {
    const results = new Map<string, LookupResult>();
    const queue = plans.filter((p) => p.kind === "lookup");
    const work = async (plan: Extract<EvidencePlan, { kind: "lookup" }>) => {
      for (const lookup of plan.lookups) {
        const result = await this.lookup(lookup);
        results.set(lookupKey(lookup), result);
        if (result.status === "found" || result.status === "skipped") break;
      }
    };
    let next = 0;
    const workers = Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
      while (next < queue.length) await work(queue[next++] as Extract<EvidencePlan, { kind: "lookup" }>);
    });
    await Promise.all(workers);
    return results;
  }

  /**
   * Resolve plans in as few requests as possible: every distinct lookup of every alternative at
   * once (first alternatives first, so the budget goes to them), paths, issues and commits as
   * aliases of GraphQL queries (LOOKUPS_PER_QUERY each), workflows and runs through REST (GraphQL
   * cannot find a workflow by its file, nor a run by its id). A lookup GitHub fails to answer
   * throws: the check then fails with the reason, never passes unchecked.
   */
  resolveBatch(plans: readonly EvidencePlan[]): Promise<Map<string, LookupResult>> {
    const rounds: Lookup[][] = [];
    for (const plan of plans) {
      if (plan.kind !== "lookup") continue;
      plan.lookups.forEach((lookup, i) => {
        if (!rounds[i]) rounds[i] = [];
        rounds[i].push(lookup);
      });
    }
    return this.resolveLookups(rounds.flat());
  }

  /** Every lookup asked so far, in the order they were first asked (what a run depended on). */
  asked(): Lookup[] {
    return [...this.#asked.values()];
  }

  /** Distinct lookups, batched as `resolveBatch` does (results by lookupKey). */
  async resolveLookups(lookups: readonly Lookup[]): Promise<Map<string, LookupResult>> {
    const wanted = new Map<string, Lookup>();
    for (const lookup of lookups) {
      const key = lookupKey(lookup);
      if (!wanted.has(key)) wanted.set(key, lookup);
      if (!this.#asked.has(key)) this.#asked.set(key, lookup);
    }
    const batch: {
      key: string;
      lookup: Lookup;
      settle: (r: LookupResult) => void;
      fail: (e: unknown) => void;
    }[] = [];
    const rest: Lookup[] = [];
    for (const [key, lookup] of wanted) {
      if (this.#cache.has(key)) continue;
      if (this.#spent >= this.budget) {
        this.#cache.set(key, Promise.resolve({ status: "skipped" }));
        continue;
      }
      if (lookup.kind === "workflow" || lookup.kind === "run") {
        rest.push(lookup);
        continue;
      }
      let settle!: (r: LookupResult) => void;
      let fail!: (e: unknown) => void;
      const pending = new Promise<LookupResult>((resolve, reject) => {
        settle = resolve;
        fail = reject;
      });
      pending.catch(() => {}); // awaited below; a rejection is reported once, by the caller
      this.#cache.set(key, pending);
      this.#spent++;
      batch.push({ key, lookup, settle, fail });
    }
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < batch.length; i += LOOKUPS_PER_QUERY) {
      const chunk = batch.slice(i, i + LOOKUPS_PER_QUERY);
      this.#graphqlRequests++;
      work.push(
        this.#askGraphql(chunk.map((c) => c.lookup)).then(
          (results) => {
            for (const [j, c] of chunk.entries()) c.settle(results[j]!);
          },
          (error) => {
            for (const c of chunk) c.fail(error);
          },
        ),
      );
    }
    // Workflows and runs: REST, a few at a time (they share the cache and the budget).
    let next = 0;
    for (let w = 0; w < Math.min(CONCURRENCY, rest.length); w++)
      work.push(
        (async () => {
          while (next < rest.length) await this.lookup(rest[next++]!);
        })(),
      );
    await Promise.all(work);
    const results = new Map<string, LookupResult>();
    for (const key of wanted.keys())
      results.set(key, await (this.#cache.get(key) ?? Promise.resolve<LookupResult>({ status: "skipped" })));
    return results;
  }

  /** GraphQL requests made so far (each resolves up to LOOKUPS_PER_QUERY lookups). */
  get graphqlRequests(): number {
    return this.#graphqlRequests;
  }

  async #askGraphql(lookups: readonly Lookup[]): Promise<LookupResult[]> {
    const variables: Record<string, unknown> = { owner: this.owner, repo: this.repo };
    const declared: string[] = [];
    const fields: string[] = [];
    const out: (LookupResult | null)[] = lookups.map(() => null);
    lookups.forEach((lookup, i) => {
      switch (lookup.kind) {
        case "content":
          variables[`e${i}`] = `${lookup.ref}:${lookup.path}`;
          declared.push(`$e${i}: String!`);
          fields.push(`l${i}: object(expression: $e${i}) { __typename }`);
          break;
        case "commit":
          variables[`e${i}`] = lookup.sha;
          declared.push(`$e${i}: String!`);
          fields.push(`l${i}: object(expression: $e${i}) { __typename }`);
          break;
        case "issue":
          // GraphQL's Int is 32-bit: a larger number names nothing (and would fail the query).
          if (!Number.isSafeInteger(lookup.number) || lookup.number < 1 || lookup.number > MAX_GRAPHQL_INT) {
            out[i] = { status: "missing" };
            break;
          }
          variables[`n${i}`] = lookup.number;
          declared.push(`$n${i}: Int!`);
          fields.push(
            `l${i}: issueOrPullRequest(number: $n${i}) { __typename ... on Issue { title url closed } ... on PullRequest { title url merged closed } }`,
          );
          break;
        default:
          throw new Error(`lookup ${lookup.kind} is not asked through GraphQL`);
      }
    });
    if (fields.length === 0) return out as LookupResult[];
    const query = `query evidence($owner: String!, $repo: String!, ${declared.join(", ")}) {\n  repository(owner: $owner, name: $repo) {\n    ${fields.join("\n    ")}\n  }\n}`;
    type Node = {
      __typename: string;
      title?: string;
      url?: string;
      merged?: boolean;
      closed?: boolean;
    } | null;
    type Data = { repository: Record<string, Node> | null };
    let data: Data;
    let errors: { type?: string; path?: unknown[]; message?: string }[] = [];
    try {
      data = await this.octokit.graphql<Data>(query, variables);
    } catch (error) {
      const answered = (error as { data?: Data }).data;
      errors = (error as { errors?: typeof errors }).errors ?? [];
      // Only errors of single aliases are answers (NOT_FOUND, FORBIDDEN); anything else fails.
      const perAlias =
        errors.length > 0 && errors.every((e) => e.path?.[0] === "repository" && e.path.length === 2);
      if (!answered?.repository || !perAlias) throw error;
      data = answered;
    }
    return lookups.map((lookup, i) => {
      if (out[i]) return out[i]!;
      const alias = `l${i}`;
      const error = errors.find((e) => e.path?.[1] === alias);
      if (error) {
        if (error.type === "NOT_FOUND") return { status: "missing" };
        if (error.type === "FORBIDDEN") return { status: "forbidden" };
        throw new Error(
          `GitHub could not answer the lookup ${lookupKey(lookup)}: ${error.message ?? error.type}`,
        );
      }
      const node = data.repository?.[alias] ?? null;
      if (!node) return { status: "missing" };
      if (lookup.kind === "commit")
        return node.__typename === "Commit" ? { status: "found" } : { status: "missing" };
      if (lookup.kind === "issue")
        return {
          status: "found",
          pullRequest: node.__typename === "PullRequest",
          merged: Boolean(node.merged),
          // `closed` is a Boolean on both types (their `state` enums conflict in one selection).
          state: node.closed === false ? "open" : "closed",
          title: node.title ?? "",
          htmlUrl: node.url ?? "",
        };
      return { status: "found" };
    });
  }

  /** Answers known from elsewhere (a previous run's re-asked lookups): not asked again. */
  prime(results: ReadonlyMap<string, LookupResult>): void {
    for (const [key, result] of results)
      if (!this.#cache.has(key)) this.#cache.set(key, Promise.resolve(result));
  }

  async #ask(lookup: Lookup): Promise<LookupResult> {
    const params = { owner: this.owner, repo: this.repo };
    try {
      switch (lookup.kind) {
        case "content":
          // HEAD: existence is all we need (a directory is fine), no content is transferred.
          await this.octokit.request("HEAD /repos/{owner}/{repo}/contents/{path}", {
            ...params,
            path: lookup.path,
            ref: lookup.ref,
          });
          return { status: "found" };
        case "issue": {
          const { data } = await this.octokit.rest.issues.get({ ...params, issue_number: lookup.number });
          return {
            status: "found",
            pullRequest: Boolean(data.pull_request),
            merged: Boolean(data.pull_request?.merged_at),
            state: data.state === "open" ? "open" : "closed",
            title: data.title,
            htmlUrl: data.html_url,
          };
        }
        case "workflow":
          await this.octokit.rest.actions.getWorkflow({ ...params, workflow_id: lookup.file });
          return { status: "found" };
        case "run":
          await this.octokit.rest.actions.getWorkflowRun({ ...params, run_id: lookup.id });
          return { status: "found" };
        case "commit":
          await this.octokit.rest.repos.getCommit({ ...params, ref: lookup.sha, per_page: 1 });
          return { status: "found" };
      }
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return { status: "missing" };
      if (status === 410) return { status: "gone" };
      // A commit "ref" that is not a commit: GitHub answers 422 (No commit found for SHA).
      if (status === 422 && lookup.kind === "commit") return { status: "missing" };
      if (status === 403 && !isRateLimit(error)) return { status: "forbidden" };
      throw error;
    }
  }
}
