import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { registerCheck } from "../../src/handlers/check.js";
import { GITHUB_API, recordUnmatched, useNock } from "../helpers/octokit.js";
import { examplePayload, withRepository } from "../helpers/payloads.js";
import { createTestProbot, type TestProbot } from "../helpers/probot.js";

/**
 * The check of a pull request when the repository's config has an `_extends` that cannot be read:
 * a failed check with the error annotated at the `_extends` line (before: the 404 was dropped and
 * the check passed on the defaults).
 */

useNock();
const unmatched = recordUnmatched();

const OWNER = "acme";
const REPO = "pay";
const API = `/repos/${OWNER}/${REPO}`;
const FILE = "postmortems/2026-03-12-payments.md";
const HEAD = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
const CONFIG_PATH = `${API}/contents/.github%2Fpostmortem-followups.yml`;
const OTHER_CONFIG_PATH = `/repos/${OWNER}/other-repo/contents/.github%2Fpostmortem-followups.yml`;
const CONFIG = "language: en\npaths:\n  - postmortems/**\n_extends: other-repo\n";

type Json = Record<string, unknown>;

let t: TestProbot;
beforeEach(async () => {
  t = await createTestProbot((app) => registerCheck(app, { now: () => new Date("2026-03-20T10:00:00Z") }));
});

function pullRequestOpened(): Json {
  const payload = withRepository(
    examplePayload("pull_request", (p) => p.action === "opened"),
    { owner: OWNER, repo: REPO },
  );
  const pr = payload.pull_request as Json;
  payload.number = 7;
  pr.number = 7;
  (pr.head as Json).sha = HEAD;
  return payload;
}

function contents(path: string, text: string) {
  return {
    type: "file",
    encoding: "base64",
    size: Buffer.byteLength(text),
    name: path.split("/").pop(),
    path,
    sha: "blobsha",
    content: Buffer.from(text).toString("base64"),
  };
}

const RUN = { id: 42, status: "in_progress", conclusion: null, external_id: "postmortem-followups:pull/7" };

describe("the check, when the config's _extends cannot be read", () => {
  it("fails with the error annotated at the _extends line of the config file", async () => {
    const patches: Json[] = [];
    const gh = nock(GITHUB_API)
      .get("/app")
      .reply(200, { id: 1, slug: "postmortem-followups" })
      .post("/app/installations/1/access_tokens")
      .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z" })
      .get(`${API}/pulls/7/files`)
      .query(true)
      .reply(200, [{ filename: FILE, status: "added", sha: "x", additions: 1, deletions: 0, changes: 1 }])
      // Probot's lookup: the repository's file (raw), then the file _extends names: 404.
      .get(CONFIG_PATH)
      .reply(200, CONFIG, { "content-type": "application/vnd.github.raw; charset=utf-8" })
      .get(OTHER_CONFIG_PATH)
      .reply(404, { message: "Not Found" })
      // The repository's file for its lines, then at the head commit (to annotate it).
      .get(CONFIG_PATH)
      .reply(200, contents(".github/postmortem-followups.yml", CONFIG))
      .get(CONFIG_PATH)
      .query({ ref: HEAD })
      .reply(200, contents(".github/postmortem-followups.yml", CONFIG))
      .get(`${API}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post(`${API}/check-runs`)
      .reply(201, RUN)
      .patch(`${API}/check-runs/42`, (body: Json) => {
        patches.push(body);
        return true;
      })
      .reply(200, () => ({ ...RUN, status: "completed", conclusion: "failure" }));

    await t.receive("pull_request", pullRequestOpened());

    expect(gh.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({
      conclusion: "failure",
      output: { title: "Invalid configuration: 1 error" },
    });
    const annotations = (patches[0]!.output as Json).annotations as Json[];
    expect(
      annotations.map((a) => [a.path, a.start_line, a.start_column, a.annotation_level, a.message]),
    ).toEqual([
      [
        ".github/postmortem-followups.yml",
        4,
        1,
        "failure",
        "_extends: _extends names acme/other-repo:.github/postmortem-followups.yml, which cannot be read: GitHub answers 404 (no such repository or file, or the app is not installed on it). No issue or label is created until this is fixed",
      ],
    ]);
  });
});
