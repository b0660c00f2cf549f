import type { Postmortem } from "./schema.js";

/**
 * The response figures of a postmortem (issue 18, practice §3.3.1 "성과 분석"): time to detect, to
 * mitigate and to resolve, read from its timeline, and when stakeholders were first told, from its
 * communication log. Pure: no clock, no GitHub. A figure the timeline does not give is null, never
 * guessed.
 *
 * Which entry is which is decided by keywords, in English and Korean: the impact's start ("errors
 * began", "장애 발생"; else the first timed entry), the first detection ("alert fired", "감지"), the
 * first mitigation ("rolled back", "완화") and the last resolution ("resolved", "복구 완료": the last,
 * so "partially recovered" followed by "fully resolved" counts the full resolution).
 */

export type ResponseMilestone = "start" | "detected" | "mitigated" | "resolved";

const KEYWORDS: Record<ResponseMilestone, RegExp> = {
  start: /\b(?:start(?:ed|s)?|beg[au]n|begins?|onset|outage|incident (?:began|start))\b|발생|시작/iu,
  detected:
    /\b(?:detect(?:ed|ion|s)?|alert(?:ed|s)?|alarm|paged?|pager|paging|notic(?:ed|es?)|report(?:ed)? by|on-?call (?:was )?(?:paged|notified))\b|감지|탐지|인지|알림|알람|경보|호출/iu,
  mitigated:
    /\b(?:mitigat(?:ed|ion|es?)|workaround|roll(?:ed)? ?back|rollback|fail(?:ed)? ?over|failover|reverted?|restarted (?:the|all)|(?:pods?|servers?|instances?|services?|tasks?) (?:were )?restarted|shift(?:ed)? (?:the )?traffic|traffic (?:was )?shifted|drain(?:ed)?)\b|완화|롤백|우회|임시 조치|페일오버|전환/iu,
  resolved:
    /\b(?:resolv(?:ed|es?)|recover(?:ed|y)|restored?|fixed|all clear|back to (?:normal|baseline)|outage end(?:s|ed)?|errors? stop(?:s|ped)?|closed the incident)\b|복구|해결|정상화|종료/iu,
};

/** Which milestones an event's text names (an event can name several: "alert resolved"). */
export function milestonesOf(text: string): Set<ResponseMilestone> {
  const out = new Set<ResponseMilestone>();
  for (const [milestone, re] of Object.entries(KEYWORDS) as [ResponseMilestone, RegExp][])
    if (re.test(text)) out.add(milestone);
  return out;
}

/**
 * An ISO 8601 instant in milliseconds: with an offset as written, without one as UTC (a timeline
 * written in one local time keeps its differences). A date alone has no time of day: null.
 */
export function instantMs(at: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(at)) return null;
  const iso = at.replace(" ", "T");
  const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(iso) ? iso : `${iso}Z`;
  const ms = Date.parse(withZone);
  return Number.isFinite(ms) ? ms : null;
}

export interface ResponseFigures {
  /** The instants (ISO, as written) of the milestones found; null when not found. */
  start: string | null;
  detected: string | null;
  mitigated: string | null;
  resolved: string | null;
  /** Minutes from the start to each milestone; null when either end is missing or the order is wrong. */
  detectMinutes: number | null;
  mitigateMinutes: number | null;
  resolveMinutes: number | null;
  /** Minutes from the start to the first message of the communication log. */
  firstUpdateMinutes: number | null;
  /** Entries of the communication log and of the response actions. */
  communications: number;
  actions: number;
}

type Timed = { at: string; ms: number; text: string };

function timed(entries: readonly { at: string; text: string }[]): Timed[] {
  return entries
    .flatMap((e) => {
      const ms = instantMs(e.at);
      return ms === null ? [] : [{ at: e.at, ms, text: e.text }];
    })
    .sort((a, b) => a.ms - b.ms);
}

function minutesBetween(from: Timed | undefined, to: Timed | undefined): number | null {
  if (!from || !to || to.ms < from.ms) return null;
  return Math.round((to.ms - from.ms) / 60_000);
}

export function responseFigures(
  postmortem: Pick<Postmortem, "timeline" | "communication" | "response_actions">,
): ResponseFigures {
  const timeline = timed((postmortem.timeline ?? []).map((e) => ({ at: e.at, text: e.event })));
  const find = (m: ResponseMilestone) => timeline.filter((e) => milestonesOf(e.text).has(m));
  // "Started the rollback" is a mitigation, not the start: a start entry names no other milestone.
  const start = find("start").find((e) => milestonesOf(e.text).size === 1) ?? timeline[0];
  // A milestone is an entry after the start's own ("automatic failover begins" starts the incident).
  const after = (list: Timed[]) => list.filter((e) => start && e !== start && e.ms >= start.ms);
  const detected = after(find("detected"))[0];
  const mitigated = after(find("mitigated"))[0];
  const resolved = after(find("resolved")).at(-1);
  const messages = timed((postmortem.communication ?? []).map((c) => ({ at: c.at, text: c.summary })));
  return {
    start: start?.at ?? null,
    detected: detected?.at ?? null,
    mitigated: mitigated?.at ?? null,
    resolved: resolved?.at ?? null,
    detectMinutes: minutesBetween(start, detected),
    mitigateMinutes: minutesBetween(start, mitigated),
    resolveMinutes: minutesBetween(start, resolved),
    firstUpdateMinutes: minutesBetween(start, messages[0]),
    communications: postmortem.communication?.length ?? 0,
    actions: postmortem.response_actions?.length ?? 0,
  };
}
