import { describe, expect, it } from "vitest";
import {
  filesFromPushCommits,
  postmortemMatcher,
  selectPostmortemFiles,
} from "../../../src/runs/merge/files.js";

const isPostmortem = postmortemMatcher({ paths: ["postmortems/**", "docs/postmortems/**"] });

describe("postmortemMatcher", () => {
  it("matches Markdown and YAML under the globs only", () => {
    expect(isPostmortem("postmortems/2026/a.md")).toBe(true);
    expect(isPostmortem("docs/postmortems/b.yaml")).toBe(true);
    expect(isPostmortem("postmortems/diagram.png")).toBe(false);
    expect(isPostmortem("README.md")).toBe(false);
  });
});

describe("selectPostmortemFiles", () => {
  it("keeps a rename between postmortem paths, and turns renames across the globs into add or remove", () => {
    expect(
      selectPostmortemFiles(
        [
          { path: "postmortems/new.md", status: "renamed", previousPath: "postmortems/old.md" },
          { path: "postmortems/in.md", status: "renamed", previousPath: "drafts/in.md" },
          { path: "archive/out.md", status: "renamed", previousPath: "postmortems/out.md" },
          { path: "src/index.ts", status: "modified" },
          { path: "postmortems/x.md", status: "modified" },
        ],
        isPostmortem,
      ),
    ).toEqual([
      { path: "postmortems/in.md", status: "added" },
      { path: "postmortems/new.md", status: "renamed", previousPath: "postmortems/old.md" },
      { path: "postmortems/out.md", status: "removed" },
      { path: "postmortems/x.md", status: "modified" },
    ]);
  });
});

describe("filesFromPushCommits", () => {
  it("is the net effect of the commits, in order", () => {
    expect(
      filesFromPushCommits([
        { added: ["a.md", "b.md"], modified: [], removed: [] },
        { added: [], modified: ["a.md", "c.md"], removed: ["b.md"] },
        { added: ["b.md"], modified: null, removed: ["d.md"] },
      ]),
    ).toEqual([
      { path: "a.md", status: "added" },
      { path: "b.md", status: "added" },
      { path: "c.md", status: "modified" },
      { path: "d.md", status: "removed" },
    ]);
  });
});
