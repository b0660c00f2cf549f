import { describe, expect, it } from "vitest";
import { DEFAULT_SLOT, slotState, type weeklySlot } from "../../../src/domain/progress/slot.js";

describe("weekly slot", () => {
  const cases: [string, string, Parameters<typeof weeklySlot>[1], string, boolean][] = [
    ["default, Wednesday", "2026-11-25T12:00:00Z", DEFAULT_SLOT, "2026-11-23T09:00:00.000Z", true],
    ["default, Monday 08:59", "2026-11-23T08:59:00Z", DEFAULT_SLOT, "2026-11-23T09:00:00.000Z", false],
    ["default, Monday 09:00", "2026-11-23T09:00:00Z", DEFAULT_SLOT, "2026-11-23T09:00:00.000Z", true],
    [
      "Friday 17:00 Seoul",
      "2026-11-27T07:59:00Z",
      { day: "friday", hour: 17, timezone: "Asia/Seoul" },
      "2026-11-27T08:00:00.000Z",
      false,
    ],
    [
      "Monday 09:00 Seoul, Sunday night UTC is already Monday there",
      "2026-11-29T23:30:00Z",
      { day: "monday", hour: 9, timezone: "Asia/Seoul" },
      "2026-11-30T00:00:00.000Z",
      false,
    ],
    [
      "Sunday 23:00 Los Angeles",
      "2026-11-30T06:00:00Z",
      { day: "sunday", hour: 23, timezone: "America/Los_Angeles" },
      "2026-11-30T07:00:00.000Z",
      false,
    ],
    [
      "Monday 09:00 Berlin across the DST change (summer time)",
      "2026-03-30T08:00:00Z",
      { day: "monday", hour: 9, timezone: "Europe/Berlin" },
      "2026-03-30T07:00:00.000Z",
      true,
    ],
  ];
  it.each(cases)("%s", (_name, now, slot, expected, due) => {
    const state = slotState(new Date(now), slot);
    expect(state.slot.toISOString()).toBe(expected);
    expect(state.due).toBe(due);
  });

  it("the week is the slot time zone's ISO week", () => {
    expect(
      slotState(new Date("2026-11-29T23:30:00Z"), { day: "monday", hour: 9, timezone: "Asia/Seoul" }).week,
    ).toBe("2026-W49");
    expect(slotState(new Date("2026-11-29T23:30:00Z"), DEFAULT_SLOT).week).toBe("2026-W48");
  });
});
