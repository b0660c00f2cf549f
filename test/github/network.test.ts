import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { AppOctokit } from "../../src/github/client.js";
import { unreachableMessage } from "../../src/github/network.js";

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
    expect(unreachableMessage(error)).toBe("cannot reach api.github.com (DNS lookup failed)");
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
    expect(unreachableMessage(error)).toBe("cannot reach api.github.com (connection refused)");
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
    expect(unreachableMessage(error)).toBe(`cannot reach 127.0.0.1:${port} (connection refused)`);
  });

  it("timeouts and resets have their own words; an HTTP answer is not a network failure", () => {
    const timeout = new TypeError("fetch failed", {
      cause: Object.assign(new Error("Connect Timeout Error"), { code: "UND_ERR_CONNECT_TIMEOUT" }),
    });
    expect(unreachableMessage(timeout, "ghe.example.com")).toBe("cannot reach ghe.example.com (timed out)");
    expect(unreachableMessage(Object.assign(new Error("Not Found"), { status: 404 }))).toBeNull();
  });
});
