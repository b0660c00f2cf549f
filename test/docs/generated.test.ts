import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configReferenceMarkdown, referenceRows } from "../../src/docs/config-reference.js";
import { generatedFiles } from "../../src/docs/generate.js";

const read = (path: string) => {
  try {
    return readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
  } catch {
    return null;
  }
};

describe("generated files are up to date (run `npm run schema` after changing a schema)", () => {
  it.each(generatedFiles().map((f) => [f.path, f.content] as const))("%s", (path, content) => {
    expect(read(path), `${path} is stale: run npm run schema`).toBe(content);
  });
});

describe("the configuration reference", () => {
  it("has a row for every key of the config, with its type, default and description", () => {
    const rows = referenceRows();
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get("paths")).toEqual({
      key: "paths",
      type: "list of string",
      default: "`postmortems/**`, `docs/postmortems/**`",
      description:
        "Globs (relative to the repository root) of the postmortem files: at most 20, each at most 256 characters with at most 3 wildcards (each `*`, `**`, `?`, `[...]`, and each `{...}` alternative after the first), at most 2 stars between two slashes, no extglobs such as `@(...)`. A file is a postmortem when its name ends in .md, .markdown, .yml or .yaml, it matches one glob without `!` and no glob with `!` (`!postmortems/_TEMPLATE.md` leaves the template out), and its path is at most 256 characters. Files and folders whose name starts with a dot never match.",
    });
    expect(byKey.get("language")).toMatchObject({ type: "`en` | `ko`", default: "`en`" });
    expect(byKey.get("due_days.short_term")).toMatchObject({ type: "integer (1–3650)", default: "`14`" });
    expect(byKey.get("weekly.hour")).toMatchObject({ type: "integer (0–23)", default: "`9`" });
    expect(byKey.get("categories.<key>.color")?.description).toMatch(/6 hex digits/);
    // A union (a label or `false`) says both, and still lists the label's keys.
    expect(byKey.get("labels.overdue")?.type).toBe("mapping or `false`");
    expect(byKey.get("labels.overdue.name")?.type).toBe("string");
    expect(byKey.get("reminders.enabled")).toMatchObject({ type: "boolean", default: "`true`" });
    expect(rows.every((r) => r.description !== "")).toBe(true);
  });

  it("escapes pipes in table cells", () => {
    expect(configReferenceMarkdown()).toContain("| `language` | `en` \\| `ko` | `en` |");
  });
});
