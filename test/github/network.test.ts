import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { AppOctokit } from "../../src/github/client.js";
import { unreachable } from "../../src/github/network.js";
import { describeError } from "../../src/runs/sweep/sweep.js";

/** What undici's fetch throws when the resolver fails: `TypeError: fetch failed` over the system error. */
function dnsFailure(host: string): TypeError {
  const system = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), {
    code: "ENOTFOUND",
    syscall: "getaddrinfo",
    hostname: host,
  });
  return new TypeError("fetch failed", { cause: system });
}

/** A loopback port with nothing listening on it (a listener bound, then closed). */
async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("a request that never reaches GitHub", () => {
  it("a DNS failure is one line, with no invented HTTP status, and is asked once (no retries)", async () => {
    let calls = 0;
    const octokit = new AppOctokit({
      auth: "token",
      throttle: { enabled: false },
      retry: { retryAfterBaseValue: 0 },
      request: {
        fetch: async () => {
          calls++;
          throw dnsFailure("api.github.com");
        },
      },
    });
    const error = await octokit
      .request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "pay" })
      .catch((e) => e);
    expect(calls).toBe(1);
    expect(unreachable(error)).toEqual({ host: "api.github.com", reason: "dns" });
    expect(describeError(error)).toBe("cannot reach api.github.com (DNS lookup failed)");
    expect(describeError(error, "ko")).toBe("api.github.com에 연결하지 못했습니다 (DNS 조회 실패)");
  });

  it("other network failures are still retried (3 times), then said in one line", async () => {
    let calls = 0;
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
      code: "ECONNREFUSED",
      address: "127.0.0.1",
      port: 9,
    });
    const octokit = new AppOctokit({
      auth: "token",
      throttle: { enabled: false },
      retry: { retryAfterBaseValue: 0 },
      request: {
        fetch: async () => {
          calls++;
          throw new TypeError("fetch failed", { cause: refused });
        },
      },
    });
    const error = await octokit
      .request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "pay" })
      .catch((e) => e);
    expect(calls).toBe(4);
    expect(describeError(error)).toBe("cannot reach api.github.com (connection refused)");
  });

  it("a loopback port that refuses connections: connection refused, named by host and port", async () => {
    const port = await closedLoopbackPort();
    const octokit = new AppOctokit({
      auth: "token",
      baseUrl: `http://127.0.0.1:${port}`,
      throttle: { enabled: false },
      retry: { enabled: false },
    });
    const error = await octokit
      .request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "pay" })
      .catch((e) => e);
    expect(unreachable(error)).toEqual({ host: `127.0.0.1:${port}`, reason: "refused" });
    expect(describeError(error, "ko")).toBe(`127.0.0.1:${port}에 연결하지 못했습니다 (연결 거부)`);
  });

  it("timeouts and resets have their own words; an HTTP answer is not a network failure", () => {
    const timeout = new TypeError("fetch failed", {
      cause: Object.assign(new Error("Connect Timeout Error"), { code: "UND_ERR_CONNECT_TIMEOUT" }),
    });
    expect(unreachable(timeout, "ghe.example.com")).toEqual({ host: "ghe.example.com", reason: "timeout" });
    const notFound = Object.assign(new Error("Not Found"), { status: 404 });
    expect(unreachable(notFound)).toBeNull();
    expect(describeError(notFound)).toBe("not found or no longer accessible (404): Not Found");
    expect(describeError(notFound, "ko")).toBe("찾을 수 없거나 더는 접근할 수 없습니다 (404): Not Found");
  });
});
