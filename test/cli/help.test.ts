import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

async function help(command: string): Promise<string> {
  let out = "";
  const code = await main([command, "--help"], {
    cwd: process.cwd(),
    env: {},
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      out += t;
    },
    today: () => "2026-12-04",
  });
  expect(code).toBe(0);
  return out;
}

describe("each command's --help (issue 15)", () => {
  it.each([
    ["sweep", ["APP_ID", "PRIVATE_KEY_PATH", "GHE_HOST", "REDIS_URL"]],
    ["report", ["GITHUB_TOKEN", "APP_ID", "APP_BOT_LOGIN", "GHE_HOST"]],
    ["lint", ["No environment needed"]],
    ["plan", ["No environment needed"]],
    ["convert", ["No environment needed"]],
  ])("%s names its environment and shows an example", async (command, environment) => {
    const text = await help(command);
    for (const name of environment) expect(text).toContain(name);
    expect(text).toMatch(new RegExp(`Examples?:\\n {2}.*npx postmortem-followups ${command}\\b`));
    expect(text).toContain("Help is in English");
  });

  it("init shows its examples", async () => {
    expect(await help("init")).toContain("Examples:\n  npx postmortem-followups init\n");
    expect(await help("init")).toContain("Help is in English");
  });

  it("the program's help says it is in English and what follows the config's language", async () => {
    let out = "";
    await main(["--help"], { env: {}, stdout: (t) => (out += t), stderr: (t) => (out += t) });
    expect(out).toContain(
      "Help is in English, and so are Commander's messages about unknown options and commands. What the\ncommands print (plan, lint, convert, report, sweep, and their usage errors) follows the config's\nlanguage",
    );
  });
});
