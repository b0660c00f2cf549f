import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/domain/config/load.js";
import { parsePostmortem } from "../../../src/domain/postmortem/parse.js";
import { instantMs, milestonesOf, responseFigures } from "../../../src/domain/postmortem/response.js";

/** Issue 18: time to detect, mitigate and resolve, from the timeline (pure, on plain data). */

const at = (time: string) => `2026-03-02T${time}:00`;

describe("milestonesOf", () => {
  it.each([
    ["Error rate began to rise", ["start"]],
    ["장애 발생", ["start"]],
    ["Alert fired, on-call paged", ["detected"]],
    ["모니터링 알림으로 감지", ["detected"]],
    ["Rolled back to v2.3", ["mitigated"]],
    ["롤백으로 오류율 완화", ["mitigated"]],
    ["Fully resolved", ["resolved"]],
    ["서비스 정상화", ["resolved"]],
    ["Started the rollback", ["start", "mitigated"]],
    ["Postmortem meeting", []],
  ])("%s -> %j", (text, expected) => {
    expect([...milestonesOf(text)].sort()).toEqual([...expected].sort());
  });
});

describe("instantMs", () => {
  it("reads offsets as written, no offset as UTC, and no time of day as unknown", () => {
    expect(instantMs("2026-03-02T10:00:00Z")).toBe(Date.UTC(2026, 2, 2, 10));
    expect(instantMs("2026-03-02T19:00:00+09:00")).toBe(Date.UTC(2026, 2, 2, 10));
    expect(instantMs("2026-03-02T10:00:00")).toBe(Date.UTC(2026, 2, 2, 10));
    expect(instantMs("2026-03-02")).toBeNull();
  });
});

describe("responseFigures", () => {
  it.each([
    {
      name: "a full timeline",
      timeline: [
        [at("09:55"), "Deploy of v2.4"],
        [at("10:00"), "Checkout errors began"],
        [at("10:12"), "Alert fired, on-call paged"],
        [at("10:40"), "Rolled back to v2.3"],
        [at("11:10"), "Partially recovered"],
        [at("12:05"), "Fully resolved"],
        [at("15:00"), "Postmortem meeting"],
      ],
      figures: { detectMinutes: 12, mitigateMinutes: 40, resolveMinutes: 125, start: at("10:00") },
    },
    {
      name: "Korean, without a start entry (the first entry is the start)",
      timeline: [
        [at("10:00"), "결제 오류율 상승"],
        [at("10:05"), "알림으로 감지"],
        [at("10:30"), "롤백으로 완화"],
        [at("11:00"), "복구 완료"],
      ],
      figures: { detectMinutes: 5, mitigateMinutes: 30, resolveMinutes: 60, start: at("10:00") },
    },
    {
      name: "a rollback's start is not the incident's start",
      timeline: [
        [at("10:00"), "Latency rose"],
        [at("10:20"), "Started the rollback"],
        [at("10:30"), "Resolved"],
      ],
      figures: { detectMinutes: null, mitigateMinutes: 20, resolveMinutes: 30, start: at("10:00") },
    },
    {
      name: "dates only: nothing to measure",
      timeline: [
        ["2026-03-02", "Errors began"],
        ["2026-03-03", "Resolved"],
      ],
      figures: { detectMinutes: null, mitigateMinutes: null, resolveMinutes: null, start: null },
    },
    {
      name: "mixed offsets are compared as instants",
      timeline: [
        ["2026-03-02T10:00:00Z", "Errors began"],
        ["2026-03-02T19:30:00+09:00", "Detected by a customer report"],
      ],
      figures: {
        detectMinutes: 30,
        mitigateMinutes: null,
        resolveMinutes: null,
        start: "2026-03-02T10:00:00Z",
      },
    },
  ])("$name", ({ timeline, figures }) => {
    const result = responseFigures({ timeline: timeline.map(([a, event]) => ({ at: a!, event: event! })) });
    expect(result).toMatchObject(figures);
  });

  it("counts the communication log and the first update after the start", () => {
    const result = responseFigures({
      timeline: [{ at: at("10:00"), event: "Errors began" }],
      communication: [
        { at: at("10:45"), channel: "status page", summary: "Resolved" },
        { at: at("10:15"), channel: "#incident", audience: "support", summary: "Investigating" },
      ],
      response_actions: [{ at: at("10:40"), action: "Rollback", result: "errors stopped" }],
    });
    expect(result).toMatchObject({ firstUpdateMinutes: 15, communications: 2, actions: 1 });
  });
});

describe("response figures of published postmortems (tables read by the Markdown reader)", () => {
  it.each([
    // The SRE book's Shakespeare example: outage 14:54, pager storm 14:55, mitigated 15:36, ends 16:00.
    [
      "markdown/sre-book-shakespeare.md",
      { start: "2015-10-21T14:54:00", detectMinutes: 1, mitigateMinutes: 42, resolveMinutes: 66 },
    ],
    ["../../examples/postmortems/2026-03-03-search-overload.md", { mitigateMinutes: 19, resolveMinutes: 66 }],
    [
      "../../examples/postmortems/2026-04-07-payment-timeout.ko.md",
      { mitigateMinutes: 18, resolveMinutes: 42 },
    ],
  ])("%s", (file, figures) => {
    const text = readFileSync(new URL(`../../fixtures/${file}`, import.meta.url), "utf8");
    const parsed = parsePostmortem(file, text, defaultConfig());
    expect(responseFigures(parsed.postmortem ?? {})).toMatchObject(figures);
  });
});
