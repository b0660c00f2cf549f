import { describe, expect, it } from "vitest";
import type { RoutingConfig } from "../../../src/domain/config/schema.js";
import { codeownersOf, parseCodeowners } from "../../../src/domain/followups/codeowners.js";
import {
  type CodeownersLookup,
  codeownersWanted,
  evidencePlaces,
  type RoutableFollowup,
  routeFollowup,
} from "../../../src/domain/followups/routing.js";

/** Routing rules on tables (issue 17): explicit repo:, rules in order, CODEOWNERS, home. */

const HOME = "acme/incidents";

const ROUTING: RoutingConfig = {
  rules: [
    { repo: "acme/payments", owner: "acme/payments-team" },
    { repo: "acme/docs", category: "documentation", term: "long_term" },
    { repo: "acme/web", path: "web/**" },
    { repo: "acme/platform", codeowner: "acme/platform" },
    { repo: "other/elsewhere", category: "training" },
    { repo: "acme/search", path: "search/**", owner: "sam" },
  ],
  codeowners: true,
};

/** CODEOWNERS of each repository (default branch), as the resolver would read them. */
const FILES: Record<string, string> = {
  "acme/incidents": "* @acme/sre\n/terraform/platform/ @acme/platform\n",
  "acme/payments": "* @acme/payments-team\n/vendor/ \n",
  "acme/search": "/index/ @acme/search\n",
};
const lookup: CodeownersLookup = (repository, path) => {
  const text = FILES[repository.toLowerCase()];
  return text === undefined ? null : codeownersOf(parseCodeowners(text)!, path);
};

const f = (over: Partial<RoutableFollowup>): RoutableFollowup => ({
  category: "system",
  term: "short_term",
  ...over,
});

describe("routeFollowup", () => {
  it.each<[string, RoutableFollowup, ReturnType<typeof routeFollowup>]>([
    ["nothing matches: home", f({}), { repo: HOME, by: "home" }],
    [
      "its own repo: beats every rule",
      f({ repo: "acme/api", owner: "acme/payments-team" }),
      { repo: "acme/api", by: "explicit" },
    ],
    [
      "its own repo: naming home is home",
      f({ repo: "ACME/Incidents", owner: "acme/payments-team" }),
      { repo: HOME, by: "home" },
    ],
    [
      "owner, case-insensitive, with @",
      f({ owner: "@ACME/Payments-Team" }),
      { repo: "acme/payments", by: "rule", rule: 0 },
    ],
    [
      "category and term: both must match",
      f({ category: "documentation", term: "long_term" }),
      { repo: "acme/docs", by: "rule", rule: 1 },
    ],
    [
      "category without its term: no",
      f({ category: "documentation", term: "short_term" }),
      { repo: HOME, by: "home" },
    ],
    [
      "path of a repository path",
      f({ validation: ["web/checkout/retry.test.ts"] }),
      { repo: "acme/web", by: "rule", rule: 2 },
    ],
    [
      "path of a blob link",
      f({ validation: ["https://github.com/acme/monorepo/blob/main/web/a.ts"] }),
      { repo: "acme/web", by: "rule", rule: 2 },
    ],
    [
      "path of a tree link",
      f({ validation: ["https://github.com/acme/monorepo/tree/main/web/checkout"] }),
      { repo: "acme/web", by: "rule", rule: 2 },
    ],
    [
      "a link to another host is no path",
      f({ validation: ["https://gitlab.com/acme/x/blob/main/web/a.ts"] }),
      { repo: HOME, by: "home" },
    ],
    [
      "codeowner: CODEOWNERS of the evidence's repository",
      f({ validation: ["terraform/platform/vpc.tf"] }),
      { repo: "acme/platform", by: "rule", rule: 3, codeowner: "acme/platform" },
    ],
    [
      "the first matching rule wins",
      f({ owner: "acme/payments-team", validation: ["web/a.ts"] }),
      { repo: "acme/payments", by: "rule", rule: 0 },
    ],
    [
      "path and owner: both must match",
      f({ owner: "sam", validation: ["search/q.ts"] }),
      { repo: "acme/search", by: "rule", rule: 5 },
    ],
    [
      "path without the owner: no",
      f({ owner: "bob", validation: ["search/q.ts"] }),
      { repo: HOME, by: "home" },
    ],
    [
      "codeowners: the other repository that owns the linked file",
      f({ validation: ["https://github.com/acme/search/blob/main/index/shard.go"] }),
      { repo: "acme/search", by: "codeowners", codeowner: "acme/search" },
    ],
    [
      "codeowners: a file whose last line names nobody is not owned",
      f({ validation: ["https://github.com/acme/payments/blob/main/vendor/x.go"] }),
      { repo: HOME, by: "home" },
    ],
    [
      "another owner's rule: refused, stays home",
      f({ category: "training" }),
      { repo: HOME, by: "home", refused: { repo: "other/elsewhere", by: "rule", rule: 4 } },
    ],
    [
      "another owner's repo: refused, stays home",
      f({ repo: "other/api" }),
      { repo: HOME, by: "home", refused: { repo: "other/api", by: "explicit" } },
    ],
    [
      "codeowners never routes to another owner",
      f({ validation: ["https://github.com/other/search/blob/main/index/shard.go"] }),
      { repo: HOME, by: "home" },
    ],
  ])("%s", (_name, followup, route) => {
    expect(routeFollowup(HOME, followup, { routing: ROUTING, codeowners: lookup })).toEqual(route);
  });

  it("without options (the integrator's call): its own repo:, else home", () => {
    expect(routeFollowup(HOME, f({ owner: "acme/payments-team" }))).toEqual({ repo: HOME, by: "home" });
    expect(routeFollowup(HOME, f({ repo: "acme/api" }))).toEqual({ repo: "acme/api", by: "explicit" });
  });

  it("a codeowner rule without CODEOWNERS read does not match", () => {
    expect(
      routeFollowup(HOME, f({ validation: ["terraform/platform/vpc.tf"] }), { routing: ROUTING }),
    ).toEqual({
      repo: HOME,
      by: "home",
    });
  });
});

describe("evidencePlaces", () => {
  it("repository paths in home, blob and tree links in their repository; the rest none", () => {
    expect(
      evidencePlaces(
        HOME,
        f({
          validation: [
            "./test/a.test.ts",
            "#12",
            "https://github.com/acme/pay/blob/main/src/a.ts#L3",
            "https://github.com/acme/pay/pull/4",
            "https://grafana.example.com/d/x",
            "https://ghe.acme.io/acme/pay/blob/main/x.ts",
          ],
        }),
      ),
    ).toEqual([
      { repository: HOME, path: "test/a.test.ts" },
      { repository: "acme/pay", path: "src/a.ts" },
    ]);
  });
});

describe("codeownersWanted", () => {
  it("only the repositories a codeowner matcher or the fallback asks, never another owner's", () => {
    expect(
      codeownersWanted(
        HOME,
        [
          f({ owner: "acme/payments-team", validation: ["a.ts"] }), // rule 0 decides: nothing to read
          f({ validation: ["terraform/platform/vpc.tf", "https://github.com/acme/search/blob/main/x"] }),
          f({ validation: ["https://github.com/other/x/blob/main/y"] }),
          f({ repo: "acme/api", validation: ["https://github.com/acme/api/blob/main/y"] }),
        ],
        { routing: ROUTING },
      ),
    ).toEqual([HOME, "acme/search"]);
  });

  it("none without a codeowner matcher and without the fallback", () => {
    const routing: RoutingConfig = { rules: [{ repo: "acme/web", path: "web/**" }], codeowners: false };
    expect(
      codeownersWanted(HOME, [f({ validation: ["web/a.ts", "https://github.com/acme/x/blob/main/y"] })], {
        routing,
      }),
    ).toEqual([]);
  });
});
