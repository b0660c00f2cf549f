import type { UnreachableReason } from "../text/catalog/network.js";

/**
 * A request that never reached GitHub, in one line. @octokit/request reports a failed fetch as
 * "HTTP 500" with the system error two `cause`s down (`TypeError: fetch failed` -> `Error: getaddrinfo
 * ENOTFOUND api.github.com`); that status was never sent by any server, so it is not shown.
 */

/** What a system error code means (worded by the catalog's `network` topic). */
const REASONS: Record<string, UnreachableReason> = {
  ENOTFOUND: "dns",
  EAI_AGAIN: "dns",
  EAI_FAIL: "dns",
  ECONNREFUSED: "refused",
  ECONNRESET: "reset",
  ETIMEDOUT: "timeout",
  UND_ERR_CONNECT_TIMEOUT: "timeout",
  UND_ERR_HEADERS_TIMEOUT: "timeout",
  EHOSTUNREACH: "host-unreachable",
  ENETUNREACH: "network-unreachable",
  CERT_HAS_EXPIRED: "cert-expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "cert-self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "cert-untrusted",
};

interface SystemError {
  code?: unknown;
  hostname?: unknown;
  address?: unknown;
  port?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The system error (with a code) inside an error's `cause` chain (or an AggregateError's errors). */
function systemError(error: unknown, depth = 0): SystemError | null {
  if (!error || typeof error !== "object" || depth > 5) return null;
  const e = error as SystemError;
  if (typeof e.code === "string" && e.code in REASONS) return e;
  if (Array.isArray(e.errors))
    for (const inner of e.errors) {
      const found = systemError(inner, depth + 1);
      if (found) return found;
    }
  return systemError(e.cause, depth + 1);
}

function requestHost(error: unknown): string | undefined {
  const url = (error as { request?: { url?: unknown } } | null)?.request?.url;
  if (typeof url !== "string") return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** For a request that never got an answer: which host, and why ("dns", "refused", ...); else null. */
export function unreachable(
  error: unknown,
  fallbackHost?: string,
): { host: string; reason: UnreachableReason } | null {
  const system = systemError(error);
  if (!system) return null;
  const reason = REASONS[system.code as string]!;
  const host =
    (typeof system.hostname === "string" ? system.hostname : undefined) ??
    requestHost(error) ??
    (typeof system.address === "string"
      ? `${system.address}${typeof system.port === "number" ? `:${system.port}` : ""}`
      : undefined) ??
    fallbackHost ??
    "GitHub";
  return { host, reason };
}

/** A DNS failure: the name will not resolve in 1, 4 or 9 seconds either, so it is not retried. */
export function isDnsFailure(error: unknown): boolean {
  return REASONS[systemError(error)?.code as string] === "dns";
}

interface RequestOptions {
  request?: { fetch?: typeof fetch; retries?: number; [key: string]: unknown };
}

/**
 * An Octokit plugin: a request whose host name does not resolve fails at once, not after
 * @octokit/plugin-retry's three retries (1 s, 4 s, 9 s). It wraps the request's fetch to set the
 * retry plugin's per-request `retries` to 0 when the lookup failed; other failures retry as before.
 */
export function noRetryOnDnsFailure(octokit: {
  hook: { before(name: "request", fn: (options: RequestOptions) => void): void };
}): void {
  octokit.hook.before("request", (options) => {
    const request = { ...options.request };
    const inner = request.fetch;
    request.fetch = async (input, init) => {
      try {
        return await (inner ?? globalThis.fetch)(input, init);
      } catch (error) {
        if (isDnsFailure(error)) request.retries = 0;
        throw error;
      }
    };
    options.request = request;
  });
}
