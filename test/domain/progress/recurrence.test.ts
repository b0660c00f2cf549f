import { describe, expect, it } from "vitest";
import {
  type EarlierPostmortem,
  findRecurrences,
  RECURRENCE_LIMITS,
  type RecurrenceScope,
  recurrenceByService,
  unfinishedOn,
} from "../../../src/domain/progress/recurrence.js";
import { renderRecurrence, renderServiceRecurrence } from "../../../src/domain/progress/recurrence-render.js";
import { item } from "./fixtures.js";

/** Recurrence, pure: plain data in, matches out (issue 18). */

const NEW: RecurrenceScope = {
  repository: "acme/pay",
  path: "postmortems/2026-04-01-dns.md",
  date: "2026-04-01",
  services: ["Checkout"],
  tags: ["dns"],
};

function earlier(overrides: Partial<EarlierPostmortem> = {}): EarlierPostmortem {
  return {
    repository: "acme/pay",
    path: "postmortems/2026-03-12-db.md",
    title: "Database failover",
    date: "2026-03-12",
    pr: 7,
    services: ["checkout"],
    tags: [],
    followups: [],
    ...overrides,
  };
}

const closedValidated = item({
  id: "pool-dns-refresh",
  number: 8,
  state: "closed",
  stateReason: "completed",
  validated: true,
  createdAt: "2026-03-13T10:00:00Z",
  closedAt: "2026-03-15T10:00:00Z",
  due: "2026-03-20",
});
const openDrill = item({
  id: "failover-drill",
  number: 9,
  createdAt: "2026-03-13T10:00:00Z",
  due: "2026-06-30",
});

describe("findRecurrences", () => {
  const cases: {
    name: string;
    earlier: EarlierPostmortem[];
    want: { path: string; services: string[]; tags: string[]; unfinished: boolean }[];
  }[] = [
    {
      name: "a shared service, compared without case, named as the new postmortem writes it",
      earlier: [earlier({ services: [" CHECKOUT ", "payments"] })],
      want: [{ path: "postmortems/2026-03-12-db.md", services: ["Checkout"], tags: [], unfinished: false }],
    },
    {
      name: "a shared tag only",
      earlier: [earlier({ services: ["search"], tags: ["DNS"] })],
      want: [{ path: "postmortems/2026-03-12-db.md", services: [], tags: ["dns"], unfinished: false }],
    },
    {
      name: "nothing shared: no match",
      earlier: [earlier({ services: ["search"], tags: ["kafka"] })],
      want: [],
    },
    {
      name: "the new file itself and a postmortem dated after it are not earlier incidents",
      earlier: [earlier({ path: NEW.path }), earlier({ path: "postmortems/later.md", date: "2026-05-01" })],
      want: [],
    },
    {
      name: "the same path in another repository is another postmortem",
      earlier: [earlier({ repository: "acme/api", path: NEW.path })],
      want: [{ path: NEW.path, services: ["Checkout"], tags: [], unfinished: false }],
    },
    {
      name: "most recent first; unfinished when a follow-up was open at the new incident's date",
      earlier: [
        earlier({ path: "a.md", date: "2026-01-02", followups: [closedValidated] }),
        earlier({ path: "b.md", date: "2026-03-12", followups: [openDrill] }),
      ],
      want: [
        { path: "b.md", services: ["Checkout"], tags: [], unfinished: true },
        { path: "a.md", services: ["Checkout"], tags: [], unfinished: false },
      ],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      expect(
        findRecurrences(NEW, c.earlier, "2026-04-03").map((m) => ({
          path: m.earlier.path,
          services: m.services,
          tags: m.tags,
          unfinished: m.unfinished,
        })),
      ).toEqual(c.want);
    });

  it("lists follow-ups worst first, with their state on the day, and caps them", () => {
    const overdue = item({ id: "alert", number: 10, due: "2026-03-20", createdAt: "2026-03-13T10:00:00Z" });
    const lapsed = { ...closedValidated, id: "lapsed-one", number: 11, lapsed: true };
    const [match] = findRecurrences(
      NEW,
      [earlier({ followups: [closedValidated, openDrill, overdue, lapsed] })],
      "2026-04-03",
    );
    expect(match!.followups.map((f) => [f.id, f.status])).toEqual([
      ["lapsed-one", "lapsed"],
      ["alert", "overdue"],
      ["failover-drill", "open"],
      ["pool-dns-refresh", "done_validated"],
    ]);
    const many = Array.from({ length: RECURRENCE_LIMITS.followupsPerMatch + 3 }, (_, i) =>
      item({ id: `f-${i}` }),
    );
    const [capped] = findRecurrences(NEW, [earlier({ followups: many })], "2026-04-03");
    expect(capped!.followups).toHaveLength(RECURRENCE_LIMITS.followupsPerMatch);
    expect(capped!.moreFollowups).toBe(3);
  });

  it("a new postmortem without services or tags matches nothing", () => {
    expect(findRecurrences({ ...NEW, services: [], tags: [] }, [earlier()], "2026-04-03")).toEqual([]);
  });

  it("lists at most RECURRENCE_LIMITS.matches earlier postmortems", () => {
    const all = Array.from({ length: 25 }, (_, i) => earlier({ path: `p-${String(i).padStart(2, "0")}.md` }));
    expect(findRecurrences(NEW, all, "2026-04-03")).toHaveLength(RECURRENCE_LIMITS.matches);
  });
});

describe("unfinishedOn", () => {
  const cases: [string, Parameters<typeof unfinishedOn>[0], boolean][] = [
    ["open, created before", openDrill, true],
    ["closed before the day", closedValidated, false],
    ["closed on the day (after it began)", { ...closedValidated, closedAt: "2026-04-01T08:00:00Z" }, true],
    [
      "created on the day: the new incident's own",
      { ...openDrill, createdAt: "2026-04-01T01:00:00Z" },
      false,
    ],
    ["closed before, but its evidence lapsed", { ...closedValidated, lapsed: true }, true],
  ];
  for (const [name, followup, want] of cases)
    it(name, () => expect(unfinishedOn(followup, "2026-04-01")).toBe(want));
});

describe("recurrenceByService", () => {
  it("counts repeats per service and those that happened with unfinished follow-ups", () => {
    const rows = recurrenceByService([
      earlier({
        path: "1.md",
        date: "2026-01-10",
        services: ["checkout", "db"],
        followups: [
          { ...closedValidated, createdAt: "2026-01-11T00:00:00Z", closedAt: "2026-01-20T00:00:00Z" },
        ],
      }),
      // open follow-ups of 1.md? none: closed on 01-20; a repeat with nothing unfinished
      earlier({
        path: "2.md",
        date: "2026-02-01",
        services: ["Checkout"],
        followups: [{ ...openDrill, createdAt: "2026-02-02T00:00:00Z" }],
      }),
      // 2.md's drill is open on 03-01: a repeat with unfinished follow-ups
      earlier({ path: "3.md", date: "2026-03-01", services: ["checkout"], followups: [] }),
      earlier({ path: "4.md", date: "2026-03-05", services: ["search"], followups: [] }),
      earlier({ path: "undated.md", date: null, services: ["checkout"] }),
    ]);
    expect(rows).toEqual([
      { service: "checkout", incidents: 3, repeats: 2, whileUnfinished: 1 },
      { service: "db", incidents: 1, repeats: 0, whileUnfinished: 0 },
      { service: "search", incidents: 1, repeats: 0, whileUnfinished: 0 },
    ]);
  });

  it("a lapsed follow-up counts as unfinished after its close", () => {
    const rows = recurrenceByService([
      earlier({
        path: "1.md",
        date: "2026-01-10",
        followups: [
          {
            ...closedValidated,
            createdAt: "2026-01-11T00:00:00Z",
            closedAt: "2026-01-20T00:00:00Z",
            lapsed: true,
          },
        ],
      }),
      earlier({ path: "2.md", date: "2026-03-01" }),
    ]);
    expect(rows).toEqual([{ service: "checkout", incidents: 2, repeats: 1, whileUnfinished: 1 }]);
  });
});

describe("rendering", () => {
  const ctx = {
    language: "ko" as const,
    today: "2026-04-05",
    serverUrl: "https://github.com",
    repository: "acme/pay",
  };

  it("lists an earlier postmortem of another repository with its repository, in Korean", () => {
    const matches = findRecurrences(
      NEW,
      [earlier({ repository: "acme/api", followups: [closedValidated, openDrill] })],
      "2026-04-05",
    );
    expect(renderRecurrence(matches, ctx)).toBe(
      [
        "### 🔁 같은 서비스의 이전 장애",
        "",
        "이 포스트모템은 이전 포스트모템 1개와 같은 서비스나 태그를 다룹니다. 그 후속 조치들은 이번 장애를 막기 위한 것이었습니다:",
        "",
        "- [acme/api: postmortems/2026-03-12-db.md](https://github.com/acme/api/blob/HEAD/postmortems/2026-03-12-db.md) (2026-03-12, acme/api#7), 공통: `Checkout`",
        "  - 후속 조치 `failover-drill` (acme/api#9): 아직 열려 있음",
        "  - 후속 조치 `pool-dns-refresh` (acme/api#8): 3주 전 검증 완료로 닫힘",
        "  - ⚠️ 이번 장애가 일어났을 때 끝나지 않은 후속 조치가 남아 있었습니다.",
      ].join("\n"),
    );
    expect(renderRecurrence([], ctx)).toBe("");
  });

  it("report table: repeats per service with the share", () => {
    expect(
      renderServiceRecurrence([{ service: "checkout", incidents: 3, repeats: 2, whileUnfinished: 1 }], "en"),
    ).toBe(
      [
        "## Repeat incidents per service",
        "",
        "2 repeat incidents; 1 of them happened while an earlier postmortem on the service had open or lapsed follow-ups.",
        "",
        "| Service | Incidents | Repeats | With unfinished follow-ups |",
        "| --- | ---: | ---: | ---: |",
        "| `checkout` | 3 | 2 | 1 (50%) |",
      ].join("\n"),
    );
  });
});
