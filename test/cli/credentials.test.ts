import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CommandModule } from "../../src/cli/context.js";
import { main } from "../../src/cli/main.js";
import { reportCommandWith } from "../../src/cli/report/command.js";
import { sweepCommandWith } from "../../src/cli/sweep/command.js";
import { AppOctokit, type GitHubClient } from "../../src/github/client.js";
import { RETRY_BASE_ENV } from "../../src/github/octokit.js";
import { type CliRun, runCommand } from "../helpers/cli.js";
import { testPrivateKey } from "../helpers/probot.js";

/**
 * Issue 15: `sweep` and `report` with credentials that cannot work, or with no network. Each is one
 * line on stderr in the server's wording (never "internal error (please report it)" and a stack),
 * exit 2 for credentials; a request that never reached GitHub names the host and the reason,
 * without the "HTTP 500" @octokit/request invents for it.
 */

let dirs: string[] = [];
function folder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "pmf-credentials-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
  vi.unstubAllEnvs();
});

async function cli(args: string[], env: Record<string, string>, cwd = folder()): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    cwd,
    env: { LOG_LEVEL: "fatal", ...env },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

/** One command with injected dependencies (an app whose credentials GitHub refuses, a failing resolver). */
function withDeps(command: CommandModule, args: string[], env: Record<string, string>): Promise<CliRun> {
  return runCommand(command, args, { env, cwd: folder(), today: "2026-12-04" });
}

const LINE =
  /^postmortem-followups: the GitHub App's credentials cannot be used: .+\. Set them in the environment or in \.env \(see \.env\.example\)\.\n$/;

describe("sweep and report with credentials that cannot work: one line, exit 2", () => {
  for (const command of [
    ["sweep", "--dry-run"],
    ["report", "--repo", "acme/pay"],
  ]) {
    const name = command[0]!;
    it(`${name}: a key path that does not exist`, async () => {
      const run = await cli(command, { APP_ID: "12345", PRIVATE_KEY_PATH: "./nope.pem" });
      expect(run).toEqual({ code: 2, stdout: "", stderr: expect.stringMatching(LINE) });
      expect(run.stderr).toContain("PRIVATE_KEY_PATH (./nope.pem does not exist)");
    });

    it(`${name}: a key file that is not a private key`, async () => {
      const cwd = folder({ "app.pem": "garbage\n" });
      const run = await cli(command, { APP_ID: "12345", PRIVATE_KEY_PATH: "./app.pem" }, cwd);
      expect(run).toEqual({ code: 2, stdout: "", stderr: expect.stringMatching(LINE) });
      expect(run.stderr).toContain("the key file ./app.pem is not a PEM private key");
    });

    it(`${name}: a PEM that does not parse, and an app ID that is not one`, async () => {
      const broken = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n";
      const run = await cli(command, { APP_ID: "my-app", PRIVATE_KEY: broken });
      expect(run).toEqual({ code: 2, stdout: "", stderr: expect.stringMatching(LINE) });
      expect(run.stderr).toContain(
        `APP_ID ("my-app") is not an app ID (the number on the app's settings page); PRIVATE_KEY is not a valid private key`,
      );
    });
  }

  it("in the working folder's language: a Korean config gives the Korean line", async () => {
    const cwd = folder({ "app.pem": "garbage\n" });
    mkdirSync(join(cwd, ".github"));
    writeFileSync(join(cwd, ".github", "postmortem-followups.yml"), "language: ko\n");
    const run = await cli(["sweep", "--dry-run"], { APP_ID: "my-app", PRIVATE_KEY_PATH: "./app.pem" }, cwd);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'postmortem-followups: GitHub 앱의 자격 증명을 쓸 수 없습니다. APP_ID("my-app")가 앱 ID가 아닙니다(앱 설정 페이지의 숫자를 쓰세요); 키 파일 ./app.pem이 PEM 개인 키가 아닙니다. 환경 변수나 `.env`에 설정하세요(`.env.example` 참고).\n',
    });
  });

  it("a good key in PRIVATE_KEY, on one line with \\n escapes, or as a file, passes the check", async () => {
    const key = testPrivateKey();
    const { appCredentialIssues } = await import("../../src/infra/startup.js");
    expect(appCredentialIssues({ APP_ID: "1", PRIVATE_KEY: key }, folder())).toEqual([]);
    expect(appCredentialIssues({ APP_ID: "1", PRIVATE_KEY: key.replaceAll("\n", "\\n") }, folder())).toEqual(
      [],
    );
    expect(
      appCredentialIssues({ APP_ID: "Iv23liAbc", PRIVATE_KEY_PATH: "k.pem" }, folder({ "k.pem": key })),
    ).toEqual([]);
    expect(appCredentialIssues({ APP_ID: "1" }, folder({ "only.pem": key }))).toEqual([]);
  });

  it("GitHub refusing the app (401, a wrong APP_ID for the key): the same line, exit 2", async () => {
    const refused = Object.assign(new Error("'Issuer' claim ('iss') must be an Integer"), { status: 401 });
    const app = () => ({
      auth: async () => {
        throw refused;
      },
    });
    const env = { APP_ID: "99", PRIVATE_KEY: testPrivateKey() };
    for (const [command, args] of [
      [sweepCommandWith({ app, isTTY: () => false }), ["sweep", "--dry-run"]],
      [reportCommandWith({ app }), ["report", "--repo", "acme/pay"]],
    ] as const) {
      const run = await withDeps(command, [...args], env);
      expect(run).toEqual({
        code: 2,
        stdout: "",
        stderr:
          "postmortem-followups: the GitHub App's credentials cannot be used: GitHub refused them (401: 'Issuer' claim ('iss') must be an Integer); check APP_ID and that the key belongs to that app. Set them in the environment or in .env (see .env.example).\n",
      });
    }
  });
});

describe("report offline: one line naming the host and the reason", () => {
  it("a resolver failure: 'cannot reach api.github.com (DNS lookup failed)', asked once", async () => {
    let calls = 0;
    const token = (_env: unknown, auth: string) =>
      new AppOctokit({
        auth,
        throttle: { enabled: false },
        request: {
          fetch: async () => {
            calls++;
            const system = Object.assign(new Error("getaddrinfo ENOTFOUND api.github.com"), {
              code: "ENOTFOUND",
              syscall: "getaddrinfo",
              hostname: "api.github.com",
            });
            throw new TypeError("fetch failed", { cause: system });
          },
        },
      }) as unknown as GitHubClient;
    const run = await withDeps(reportCommandWith({ token }), ["report", "--repo", "acme/pay"], {
      GITHUB_TOKEN: "ghp_test",
      APP_BOT_LOGIN: "postmortem-followups",
    });
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: "error: cannot reach api.github.com (DNS lookup failed)\n",
    });
    expect(calls).toBe(1);
  });

  it("a loopback port that refuses connections: 'connection refused', no HTTP status", async () => {
    vi.stubEnv(RETRY_BASE_ENV, "0");
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const run = await cli(["report", "--repo", "acme/pay"], {
      GITHUB_TOKEN: "ghp_test",
      APP_BOT_LOGIN: "postmortem-followups",
      GHE_HOST: `127.0.0.1:${port}`,
      GHE_PROTOCOL: "http",
    });
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: cannot reach 127.0.0.1:${port} (connection refused)\n`,
    });
  });
});
