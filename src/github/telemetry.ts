/**
 * What the GitHub adapter reports for the app's Prometheus metrics (src/app/metrics.ts installs the
 * observer when `METRICS_ENABLED=true`; until then every call is a no-op). The adapter depends only on
 * this small port, not on prom-client, so the CLI and the Action bundle carry no metrics library.
 */
export interface GitHubObserver {
  /** One finished request: `route` is the template ("GET /repos/{owner}/{repo}/issues"), never the URL. */
  request(route: string, status: number, seconds: number): void;
  /** The throttle plugin hit a rate limit: `kind` primary or secondary, the wait GitHub asked for. */
  rateLimit(kind: "primary" | "secondary", seconds: number, retried: boolean): void;
}

const NONE: GitHubObserver = { request() {}, rateLimit() {} };
let current: GitHubObserver = NONE;

/** Install the observer (null: back to no-op). */
export function setGitHubObserver(observer: GitHubObserver | null): void {
  current = observer ?? NONE;
}

export function githubObserver(): GitHubObserver {
  return current;
}

interface RouteOptions {
  method?: string;
  url?: string;
}

type WrapRequest = (
  name: "request",
  fn: (request: (o: RouteOptions) => Promise<unknown>, o: RouteOptions) => Promise<unknown>,
) => void;

const observed = new WeakSet<object>();

/** "GET /repos/{owner}/{repo}": the method and the URL template (bounded: no ids, no names). */
export function routeOf(options: RouteOptions): string {
  let url = options.url ?? "";
  // A full URL (pagination's `next` links) carries the real names: keep only a bounded shape.
  if (/^https?:\/\//.test(url)) url = "(absolute url)";
  return `${(options.method ?? "GET").toUpperCase()} ${url.split("?")[0]}`;
}

/**
 * Hook an Octokit once (a WeakSet remembers it) so each request reports its route template, status
 * and duration to the observer. Called by `openRepository` and by the app's Octokit plugin.
 */
export function observeRequests(octokit: { hook: object }): void {
  if (observed.has(octokit)) return;
  observed.add(octokit);
  (octokit.hook as { wrap: WrapRequest }).wrap("request", async (request, options) => {
    const started = performance.now();
    const route = routeOf(options);
    try {
      const response = await request(options);
      const status = (response as { status?: unknown } | null)?.status;
      current.request(route, typeof status === "number" ? status : 0, (performance.now() - started) / 1000);
      return response;
    } catch (error) {
      const status = (error as { status?: unknown } | null)?.status;
      current.request(route, typeof status === "number" ? status : 0, (performance.now() - started) / 1000);
      throw error;
    }
  });
}
