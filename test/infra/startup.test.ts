import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { missingProductionSettings, preferOfflineSetup, startupProblem } from "../../src/infra/startup.js";

let dirs: string[] = [];
function folder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "pmf-startup-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe("startupProblem", () => {
  it("says nothing outside production (the setup page registers the app)", () => {
    expect(startupProblem({}, folder())).toBeNull();
    expect(startupProblem({ NODE_ENV: "development" }, folder())).toBeNull();
  });

  it("lists every missing setting in one line", () => {
    const line = startupProblem({ NODE_ENV: "production" }, folder());
    expect(line).not.toContain("\n");
    expect(line).toContain("missing APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH), WEBHOOK_SECRET.");
  });

  it("accepts PRIVATE_KEY, an existing PRIVATE_KEY_PATH, or a single .pem in the folder (as Probot does)", () => {
    const base = { NODE_ENV: "production", APP_ID: "1", WEBHOOK_SECRET: "s" };
    expect(
      startupProblem({ ...base, PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----..." }, folder()),
    ).toBeNull();
    expect(startupProblem({ ...base, PRIVATE_KEY_PATH: "key.pem" }, folder({ "key.pem": "k" }))).toBeNull();
    expect(startupProblem(base, folder({ "app.private-key.pem": "k" }))).toBeNull();
    expect(missingProductionSettings(base, folder({ "a.pem": "k", "b.pem": "k" }))).toEqual([
      "PRIVATE_KEY (or PRIVATE_KEY_PATH)",
    ]);
  });

  it("reads .env over the environment, like Probot's run()", () => {
    const cwd = folder({ ".env": "NODE_ENV=production\nAPP_ID=7\nWEBHOOK_SECRET=s\nPRIVATE_KEY=x\n" });
    expect(startupProblem({}, cwd)).toBeNull();
    expect(startupProblem({}, folder({ ".env": "NODE_ENV=production\n" }))).toContain("missing APP_ID");
  });
});

describe("preferOfflineSetup", () => {
  it("turns off the smee.io channel unless the operator decided", () => {
    const env: Record<string, string | undefined> = {};
    preferOfflineSetup(env);
    expect(env.NO_SMEE_SETUP).toBe("true");
    const chosen: Record<string, string | undefined> = { NO_SMEE_SETUP: "false" };
    preferOfflineSetup(chosen);
    expect(chosen.NO_SMEE_SETUP).toBe("false");
  });
});
