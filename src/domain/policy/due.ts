import { addDays } from "date-fns/addDays";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";

/**
 * Due dates by policy (issue 16), pure: a table of rules by severity x term (x category), the
 * config's `due_days` as the fallback, an explicit `due` in the postmortem above both; calendar or
 * business days (weekends and the config's holidays skipped). Every date says which rule gave it,
 * for `plan` and the issue.
 */

export type PolicyTerm = "short_term" | "long_term";

/** One row of the policy table. A missing severity or category matches any. */
export interface DueRule {
  severity?: string;
  term: PolicyTerm;
  category?: string;
  days: number;
}

export interface DuePolicy {
  rules: readonly DueRule[];
  /** `due_days`: the days of a term when no rule matches. */
  fallback: Readonly<Record<PolicyTerm, number>>;
  /** Count business days: Saturdays, Sundays and `holidays` are skipped. */
  businessDays: boolean;
  /** YYYY-MM-DD dates that are not business days. */
  holidays: readonly string[];
}

export type DueDecisionSource =
  | { kind: "explicit" }
  | { kind: "rule"; index: number; rule: DueRule }
  | { kind: "fallback"; term: PolicyTerm; days: number };

export interface DueDecision {
  due: string;
  source: DueDecisionSource;
  /** Whether the days were business days (never for an explicit date). */
  businessDays: boolean;
}

export interface DueInput {
  /** The date the postmortem set, if any. */
  explicit?: string | undefined;
  severity?: string | undefined;
  term: PolicyTerm;
  category: string;
  /** The day the count starts: the merge date, in the config's time zone. */
  from: string;
}

/**
 * The rule for a follow-up: the most specific matching row (severity and category each count one),
 * the first of equally specific ones.
 */
export function matchingRule(rules: readonly DueRule[], input: Omit<DueInput, "from" | "explicit">) {
  let best: { index: number; rule: DueRule; score: number } | undefined;
  rules.forEach((rule, index) => {
    if (rule.term !== input.term) return;
    if (rule.severity !== undefined && rule.severity !== input.severity) return;
    if (rule.category !== undefined && rule.category !== input.category) return;
    const score = (rule.severity !== undefined ? 2 : 0) + (rule.category !== undefined ? 1 : 0);
    if (!best || score > best.score) best = { index, rule, score };
  });
  return best && { index: best.index, rule: best.rule };
}

/** The days a follow-up without a date gets, and the rule (or the fallback) that says so. */
export function policyDays(
  input: Omit<DueInput, "from" | "explicit">,
  policy: Pick<DuePolicy, "rules" | "fallback">,
): { days: number; source: Exclude<DueDecisionSource, { kind: "explicit" }> } {
  const match = matchingRule(policy.rules, input);
  if (match) return { days: match.rule.days, source: { kind: "rule", index: match.index, rule: match.rule } };
  const days = policy.fallback[input.term];
  return { days, source: { kind: "fallback", term: input.term, days } };
}

export function decideDue(input: DueInput, policy: DuePolicy): DueDecision {
  if (input.explicit) return { due: input.explicit, source: { kind: "explicit" }, businessDays: false };
  const { days, source } = policyDays(input, policy);
  const due = policy.businessDays
    ? addBusinessDays(input.from, days, new Set(policy.holidays))
    : format(addDays(parseISO(input.from), days), "yyyy-MM-dd");
  return { due, source, businessDays: policy.businessDays };
}

/**
 * `from` plus `days` business days: each step moves to the next day that is neither a weekend nor a
 * holiday. Linear in `days` plus the holidays met (the schema bounds both).
 */
export function addBusinessDays(from: string, days: number, holidays: ReadonlySet<string>): string {
  let date = parseISO(from);
  let left = days;
  while (left > 0) {
    date = addDays(date, 1);
    if (isBusinessDay(date, holidays)) left -= 1;
  }
  return format(date, "yyyy-MM-dd");
}

function isBusinessDay(date: Date, holidays: ReadonlySet<string>): boolean {
  const weekday = date.getDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(format(date, "yyyy-MM-dd"));
}

/**
 * Business days from `from` to `to`: the business days in (from, to], negative when `to` is before
 * `from` (minus those in (to, from]); 0 for the same day. The inverse of addBusinessDays for a
 * business day `to`. Linear in the days between (callers pass dates weeks apart, not years).
 */
export function businessDaysBetween(from: string, to: string, holidays: ReadonlySet<string>): number {
  const sign = to < from ? -1 : 1;
  const [start, end] = sign === 1 ? [from, to] : [to, from];
  let date = parseISO(start);
  const last = parseISO(end);
  let count = 0;
  while (date < last) {
    date = addDays(date, 1);
    if (isBusinessDay(date, holidays)) count += 1;
  }
  return sign * count;
}
