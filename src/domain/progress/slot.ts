import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns/addDays";
import { startOfISOWeek } from "date-fns/startOfISOWeek";
import { WEEKDAYS } from "../config/schema.js";
import { isoWeek } from "./week.js";

export interface WeeklySlotConfig {
  day: (typeof WEEKDAYS)[number];
  hour: number;
  timezone: string;
}

/** Monday 09:00 UTC, the config's defaults. */
export const DEFAULT_SLOT: WeeklySlotConfig = { day: "monday", hour: 9, timezone: "UTC" };

/** The instant of this ISO week's report slot (the week of `now` in the slot's time zone). */
export function weeklySlot(now: Date, slot: WeeklySlotConfig): Date {
  const local = new TZDate(now.getTime(), slot.timezone);
  const day = addDays(startOfISOWeek(local), WEEKDAYS.indexOf(slot.day));
  day.setHours(slot.hour, 0, 0, 0);
  return new Date(day.getTime());
}

export interface SlotState {
  /** ISO week of `now` in the slot's time zone. */
  week: string;
  slot: Date;
  /** The slot of this week has passed. */
  due: boolean;
}

export function slotState(now: Date, slot: WeeklySlotConfig): SlotState {
  const at = weeklySlot(now, slot);
  return { week: isoWeek(now, slot.timezone), slot: at, due: now.getTime() >= at.getTime() };
}

/**
 * The daily slot of the nudges (reminders, escalation, state labels): every day at the weekly
 * report's hour, in its time zone. `day` is today's date there; `due` once that hour has come.
 */
export function dailySlot(
  now: Date,
  slot: Pick<WeeklySlotConfig, "hour" | "timezone">,
): { day: string; due: boolean } {
  const local = new TZDate(now.getTime(), slot.timezone);
  const day = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, "0")}-${String(local.getDate()).padStart(2, "0")}`;
  return { day, due: local.getHours() >= slot.hour };
}
