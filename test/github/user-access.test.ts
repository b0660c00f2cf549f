import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import type { GitHubClient } from "../../src/github/client.js";
import { apiBaseUrl, authorizationUrl } from "../../src/github/user-access.js";

/**
 * Issue 19: the dashboard login's authorize URL follows the app's GitHub — github.com, a GitHub
 * Enterprise Server (GHE_HOST), or GitHub Enterprise Cloud with data residency — and nothing else.
 * The flow itself runs end to end in test/app/dashboard-login.test.ts.
 */

const CALLBACK = "https://followups.example.com/dashboard/callback";

describe("authorizationUrl", () => {
  it("is the web host of the app's API base URL", () => {
    const url = (api: string) => new URL(authorizationUrl({ clientId: "Iv1.abc" }, api, CALLBACK, "st"));
    const expected = (origin: string) =>
      `${origin}/login/oauth/authorize?allow_signup=false&client_id=Iv1.abc&redirect_uri=${encodeURIComponent(CALLBACK)}&state=st`;
    expect(url("https://api.github.com").href).toBe(expected("https://github.com"));
    expect(url("https://ghe.example.com/api/v3").href).toBe(expected("https://ghe.example.com"));
    expect(url("http://10.0.0.5:8080/api/v3").href).toBe(expected("http://10.0.0.5:8080"));
    expect(url("https://api.acme.ghe.com").href).toBe(expected("https://acme.ghe.com"));
  });

  it("takes the API base URL from the app's Octokit (what Probot made of GHE_HOST)", () => {
    const octokit = (baseUrl?: string) =>
      new ProbotOctokit(baseUrl ? { baseUrl } : {}) as unknown as GitHubClient;
    expect(apiBaseUrl(octokit())).toBe("https://api.github.com");
    expect(apiBaseUrl(octokit("https://ghe.example.com/api/v3"))).toBe("https://ghe.example.com/api/v3");
  });
});
