import type { TextKey, TextParams } from "../../../src/text/catalog/index.js";
import { CASES, VARIANTS } from "./problem-cases.js";

/**
 * Sample parameters for every key of the catalog that takes some. Typed over the catalog: a new
 * key with parameters and no samples here does not compile (and test/text/catalog.test.ts fails
 * at run time too). The problem codes take theirs from problem-cases.ts (CASES and VARIANTS).
 * Values look like what the app passes: code in backticks, `#12`, paths, URLs, logins.
 */
type KeyWithParams = { [K in TextKey]: TextParams<K> extends undefined ? never : K }[TextKey];
type Samples = { readonly [K in Exclude<KeyWithParams, `problem.${string}`>]: readonly TextParams<K>[] };

const REPO = "acme/pay";
const URL = "https://github.com/acme/pay/pull/12";

const OTHER_SAMPLES: Samples = {
  "evidence.what.content": [{ path: "tests/payments/retry.test.ts", ref: "a1b2c3d" }],
  "evidence.what.issue": [{ number: 12, repo: REPO }],
  "evidence.what.workflow": [{ file: "ci.yml", repo: REPO }],
  "evidence.what.run": [{ id: 123456, repo: REPO }],
  "evidence.what.commit": [{ sha: "a1b2c3d", repo: REPO }],
  "evidence.verified": [{ what: "#12" }],
  "evidence.unsettled": [
    { what: "#12 in acme/pay", why: "open-issue" },
    { what: "#12 in acme/pay", why: "open-pull" },
    { what: "#12 in acme/pay", why: "unmerged-pull" },
  ],
  "sweep.recheck": [
    { dryRun: true, issue: "#8", closed: "2026-10-10", outcome: "holds", reopen: false, label: null },
    {
      dryRun: true,
      issue: "#8",
      closed: "2026-10-10",
      outcome: "lapsed",
      reopen: false,
      label: "validation lapsed",
    },
    {
      dryRun: false,
      issue: "acme/payments#8",
      closed: "2026-10-10",
      outcome: "lapsed",
      reopen: true,
      label: "검증 근거 상실",
    },
    { dryRun: false, issue: "#8", closed: "2026-10-10", outcome: "lapsed", reopen: false, label: null },
  ],
  "check.status.unsettled": [{ why: "open-issue" }, { why: "open-pull" }, { why: "unmerged-pull" }],
  "evidence.missing": [
    { what: "#12", kind: "issue", gone: false },
    { what: "#12", kind: "issue", gone: true },
    { what: '"docs/runbook.md"', kind: "content", gone: false },
  ],
  "evidence.forbidden": [
    { what: "#12", kind: "issue" },
    { what: "ci.yml", kind: "workflow" },
  ],
  "evidence.skipped": [{ what: "#12" }],
  "evidence.external": [{ url: "https://grafana.example.com/d/payments" }],
  "evidence.other-repo": [{ url: "https://github.com/acme/api/pull/7" }],
  "evidence.unresolvable": [{ url: "https://github.com/acme/pay/projects/1" }],
  "evidence.entry.pull": [
    { ref: "#40", title: "Fix retries", via: "closed-by-pull", login: "`bob`", role: "merger" },
    { ref: "#40", title: "", via: "closing-reference", login: "`alice`", role: "author" },
    { ref: "#41", title: "Fix", via: "connected", login: "`bob`", role: "merger" },
  ],
  "evidence.entry.commit": [{ link: "[a1b2c3d](https://github.com/acme/pay/commit/a1b2c3d)" }],
  "evidence.entry.command": [
    { evidence: "#12", login: "`alice`", date: "2026-03-20", commentUrl: URL, note: null },
    {
      evidence: "`docs/runbook.md`",
      login: "`alice`",
      date: "2026-03-20",
      commentUrl: URL,
      note: "확인할 수 없음",
    },
  ],
  "evidence.entry.checklist": [{ login: "`alice`", date: "2026-03-20" }],
  "evidence.refused.too-long": [{ max: 2048 }],
  "not-doing.entry": [
    {
      reason: "the service is retired in Q3",
      login: "`alice`",
      date: "2026-03-20",
      commentUrl: URL,
      closedBy: null,
    },
    { reason: "replaced by #40", login: "`alice`", date: "2026-03-20", commentUrl: URL, closedBy: "`bob`" },
  ],
  "not-doing.request": [
    { closedBy: "@bob", reopened: false },
    { closedBy: "@bob", reopened: true },
  ],
  "not-doing.refused": [{ login: "@mallory" }],
  "tracker.title": [{ title: "Checkout outage" }],
  "tracker.created": [{ issue: "#12", path: "postmortems/2026-03-12-payments.md" }],
  "tracker.closed": [{ issue: "#12", path: "postmortems/2026-03-12-payments.md" }],
  "project.missing-fields": [{ project: "`acme/3`", names: "`Severity`, `Term`" }],
  "project.missing-options": [{ project: "`acme/3`", options: "`Severity`: `SEV5`" }],
  "project.github-token": [{ project: "`acme/3`" }],
  "project.no-access": [{ project: "`acme/3`", detail: "Resource not accessible by integration" }],
  "tracker.progress": [{ finished: 2, total: 5 }],
  "tracker.too-many": [{ max: 100, total: 104 }],
  "not-doing.usage": [{ login: "@alice" }],
  "recheck.lapsed": [
    {
      days: 30,
      lines: "- `tests/payments/retry.test.ts`: not found on `main`",
      label: "`validation lapsed`",
      reopened: false,
    },
    { days: 14, lines: `- ${URL}: not found`, label: "`검증 근거 상실`", reopened: true },
  ],
  "recheck.figure": [{ count: 0 }, { count: 3 }],
  "figures.close-days": [
    { p50: "4", p90: "12.5", count: 8 },
    { p50: "1", p90: "1", count: 1 },
  ],
  "dashboard.title": [{ account: "acme" }],
  "dashboard.subtitle": [
    { date: "2026-11-25", repositories: 1 },
    { date: "2026-11-25", repositories: 12 },
  ],
  "dashboard.close.value": [{ p50: "4", p90: "12.5", count: 9 }],
  "dashboard.filter.shown": [{ shown: "3", total: "10" }],
  "metrics-file.no-folder": [{ path: "/var/lib/node_exporter/textfile/pmf.prom", detail: "ENOENT" }],
  "metrics-file.not-written": [{ path: "/var/lib/node_exporter/textfile/pmf.prom" }],
  "metrics-file.write-failed": [{ path: "/var/lib/node_exporter/textfile/pmf.prom", detail: "EACCES" }],
  "dashboard.followups.capped": [{ shown: 2000, total: 31415 }],
  "dashboard.owners.omitted": [
    { limit: 1000, count: 1 },
    { limit: 1000, count: 250 },
  ],
  "dashboard.usage.installation-number": [{ got: "x1" }],
  "dashboard-login.no-installation": [{ login: "alice", account: "acme" }],
  "dashboard-login.some-repositories": [{ login: "alice", account: "acme", seen: 2, total: 3 }],
  "figures.aging": [{ week: 2, month: 1, quarter: 0, older: 3 }],
  "figures.nudges": [{ reminders: 4, overdue: 2, escalations: 1 }],
  "figures.not-doing.reason": [
    {
      issue: "#12",
      title: "Retry the gateway",
      reason: "the gateway is retired in Q3",
      login: "`alice`",
      date: "2026-03-20",
      url: URL,
    },
  ],
  "figures.not-doing.no-reason": [{ issue: "#13", title: "Add a runbook" }],
  "evaluation.duration": [
    { minutes: 0 },
    { minutes: 42 },
    { minutes: 125 },
    { minutes: 60 },
    { minutes: 1620 },
  ],
  "evaluation.validation": [
    { validated: 1, done: 1, rate: "100%" },
    { validated: 2, done: 3, rate: "67%" },
  ],
  "evaluation.breaches": [
    { missed: 0, decided: 1 },
    { missed: 1, decided: 3 },
  ],
  "evaluation.recheck": [
    { total: 1, checked: 0, lapsed: 0, from: "2027-01-12", to: "2027-01-12", lastOn: null },
    { total: 3, checked: 0, lapsed: 0, from: "2026-12-20", to: "2027-01-12", lastOn: null },
    { total: 3, checked: 1, lapsed: 0, from: "2027-01-12", to: "2027-01-12", lastOn: "2026-12-20" },
    { total: 3, checked: 2, lapsed: 1, from: "2027-01-12", to: "2027-01-12", lastOn: "2026-12-21" },
    { total: 1, checked: 1, lapsed: 0, from: null, to: null, lastOn: "2027-01-12" },
    { total: 3, checked: 3, lapsed: 0, from: null, to: null, lastOn: "2027-01-12" },
    { total: 3, checked: 3, lapsed: 2, from: null, to: null, lastOn: "2027-01-12" },
  ],
  "evaluation.report-response": [{ detect: "12 min", mitigate: "—", resolve: "2 h 5 min" }],
  "evaluation.sweep-line": [
    { dryRun: false, pr: 12, path: "postmortems/2026-03-02-cart.md", updated: false },
    { dryRun: true, pr: 12, path: "postmortems/2026-03-02-cart.md", updated: false },
    { dryRun: false, pr: 12, path: "postmortems/2026-03-02-cart.md", updated: true },
    { dryRun: true, pr: 12, path: "postmortems/2026-03-02-cart.md", updated: true },
  ],
  "check.title.config-invalid": [{ errors: 1 }, { errors: 3 }],
  "check.title.failure": [
    { errors: 1, warnings: 0, files: 1 },
    { errors: 2, warnings: 3, files: 2 },
  ],
  "check.title.success": [
    { followups: 1, files: 1, warnings: 0 },
    { followups: 4, files: 2, warnings: 1 },
  ],
  "check.file-stats": [
    { followups: null, errors: 1, warnings: 0 },
    { followups: 3, errors: 0, warnings: 2 },
  ],
  "check.default-due": [
    { days: 30, businessDays: false },
    { days: 10, businessDays: true },
    { days: 1, businessDays: true },
  ],
  "check.more-problems": [
    { shown: 50, total: 51, more: 1 },
    { shown: 50, total: 120, more: 70 },
  ],
  "progress.chart.pie": [{ total: 7 }],
  "progress.days-overdue": [{ days: 1 }, { days: 4 }],
  "progress.days-left": [{ days: 0 }, { days: 1 }, { days: 3 }],
  "cli.lint.invalid-config": [{ file: ".github/postmortem-followups.yml" }],
  "cli.no-postmortems": [{ paths: ["postmortems/**"] }],
  "cli.lint.all-skipped": [{ files: 2 }],
  "cli.lint.strict": [
    { checked: 0, skipped: 1 },
    { checked: 2, skipped: 1 },
  ],
  "cli.lint.summary": [
    { errors: 0, warnings: 0, checked: 2, skipped: 0 },
    { errors: 1, warnings: 2, checked: 3, skipped: 1 },
  ],
  "cli.init.wrote": [{ file: ".github/postmortem-followups.yml" }],
  "cli.init.kept": [{ file: "postmortems/TEMPLATE.md" }],
  "cli.init.kept-config-hint": [
    { config: ".github/postmortem-followups.yml", glob: "!postmortems/TEMPLATE.md" },
  ],
  "cli.init.next": [{ template: "postmortems/TEMPLATE.md", example: "postmortems/2026-03-20-short-name.md" }],
  "sweep.recreated": [{ count: 1 }, { count: 3 }],
  "sweep.would-write": [
    { operation: "create-issue", target: "Retry payments", fields: [] },
    { operation: "update-issue", target: "#12", fields: ["title", "state"] },
    { operation: "create-comment", target: "#12", fields: [] },
    { operation: "update-comment", target: "11", fields: [] },
    { operation: "create-label", target: "sev1", fields: [] },
    { operation: "create-milestone", target: "Payments", fields: [] },
    { operation: "update-milestone", target: "2", fields: [] },
    { operation: "add-project-items", target: "3", fields: [] },
    { operation: "set-project-values", target: "1", fields: [] },
    { operation: "create-project-fields", target: '"Due", "Severity"', fields: [] },
    { operation: "add-sub-issue", target: "#40", fields: [] },
    { operation: "other", target: "createLabels", fields: [] },
  ],
  "sweep.summary": [
    { dryRun: false, repositories: 4, reports: 3, recreated: 4, reminders: 0, notices: 0, errors: 0 },
    { dryRun: true, repositories: 1, reports: 1, recreated: 2, reminders: 1, notices: 2, errors: 1 },
  ],
  "sweep.summary.label": [{ dryRun: false }, { dryRun: true }],
  "convert.note.done-left-out": [{ id: "renew-cert" }],
  "convert.note.adoption-lost": [{ id: "renew-cert", issue: "#12" }],
  "convert.note.no-validation": [{ id: "renew-cert" }],
  "convert.note.owner-text": [{ id: "renew-cert", owner: "Payments team" }],
  "convert.written": [
    { count: 1, written: true },
    { count: 3, written: false },
  ],
  "report.title": [{ repository: REPO, date: "2026-04-10" }],
  "report.group.term": [{ value: "short_term" }],
  "report.group.category": [{ value: "process" }],
  "report.group.severity": [{ value: "SEV1" }],
  "report.repo-not-found": [{ repo: REPO }],
  "report.config-invalid": [{ repo: REPO }],
  "sweep.not-installed": [{ repo: REPO }],
  "sweep.cannot-list": [
    { repo: REPO, detail: "GitHub answered 404" },
    { repo: null, detail: "GitHub answered 500" },
  ],
  "sweep.progress": [{ done: 3, total: 10 }],
  "sweep.action.counts": [
    { dryRun: false, postmortems: 2, recreated: 1, updated: 0, posted: 1, errors: 0 },
    { dryRun: true, postmortems: 1, recreated: 3, updated: 1, posted: 0, errors: 1 },
  ],
  "sweep.action.not-sent": [{ writes: 3 }],
  "credentials.line": [{ problems: "APP_ID is missing" }],
  "credentials.app-id-form": [{ got: "my-app" }],
  "credentials.key-path-missing": [{ path: "./nope.pem" }],
  "credentials.key-path-unreadable": [{ path: "./app.pem", code: "EACCES" }],
  "credentials.key-not-pem": [{ file: null }, { file: "./app.pem" }],
  "credentials.key-invalid": [{ file: null }, { file: "./app.pem" }],
  "credentials.refused": [{ said: "'Issuer' claim ('iss') must be an Integer" }],
  "network.unreachable": [
    { host: "api.github.com", reason: "dns" },
    { host: "127.0.0.1:9", reason: "refused" },
  ],
  "network.not-found": [{ message: "Not Found" }],
  "network.forbidden": [{ message: "Resource not accessible by integration" }],
  "network.status": [{ message: "Server Error", status: 502 }],
  "usage.repo-form": [{ got: "not a repo" }],
  "usage.pr-number": [{ got: "abc" }],
  "usage.merged-on-date": [{ got: "2026-02-30" }],
  "usage.init-dir": [{ dir: "../elsewhere" }],
  "usage.no-such-file": [{ file: "postmortems/a.md" }],
  "usage.no-such-path": [{ path: "postmortems/a.md" }],
  "usage.not-file-or-folder": [{ path: "/dev/null" }],
  "usage.no-match": [{ pattern: "no/such/*.md" }],
  "usage.config-not-found": [{ file: "missing.yml" }],
  "usage.config-is-directory": [{ file: ".github" }],
  "usage.config-unreadable": [{ file: "ops/config.yml", code: "EACCES" }],
  "usage.not-installed": [{ repo: REPO }],
  "sweep.nudge": [
    { step: "reminder", state: "dry-run", number: 12, mentions: ["alice"], due: "2026-12-10" },
    { step: "overdue", state: "sent", number: 12, mentions: [], due: "2026-12-01" },
    { step: "escalation-2", state: "failed", number: 12, mentions: ["acme/sre"], due: "2026-11-20" },
  ],
  "sweep.report": [
    { action: "created", dryRun: true, final: false, week: "2026-W48", pr: 7, path: "postmortems/a.md" },
    { action: "updated", dryRun: false, final: true, week: "2026-W48", pr: 7, path: "postmortems/a.md" },
  ],
  "plan.header": [
    { file: "postmortems/a.md", issues: 5, repo: REPO, mergedOn: "2026-03-20", pr: 42 },
    { file: "postmortems/a.md", issues: 1, repo: REPO, mergedOn: "2026-03-20", pr: null },
  ],
  "plan.field": (["from", "id", "derived", "labels", "assignees", "due", "milestone", "body"] as const).map(
    (field) => ({ field }),
  ),
  "plan.derived": [
    { what: "term", source: "heading", text: "Short term" },
    { what: "category", source: "keyword" },
    { what: "owner", source: "mention", text: "@alice" },
  ],
  "plan.priority": [{ priority: "P1" }],
  "plan.unassigned-team": [{ team: "acme/sre" }],
  "plan.state.adopt": [{ number: 12 }],
  "plan.invalid-config": [{ file: ".github/postmortem-followups.yml" }],
  "plan.outside-repo": [{ file: "../other/a.md", name: "a.md" }],
  "plan.convert.unpinned": [{ id: "fix-retries" }],
  "plan.convert.pinned": [
    { count: 1, written: true },
    { count: 3, written: false },
  ],
  "labels.category-label": [{ key: "system", name: "시스템 개선" }],
  "labels.severity-description": [{ severity: "P1" }],
  "merge.created": [{ issue: "#12", title: "Retry payments" }],
  "merge.joined": [{ issue: "#12", title: "Retry payments" }],
  "merge.recovered": [{ issue: "#12", title: "Retry payments" }],
  "merge.updated": [{ issue: "#12", reasons: "제목, 담당자" }],
  "merge.closed": [
    { issue: "#12", reason: "removed-item", duplicateOf: "" },
    { issue: "#12", reason: "removed-file", duplicateOf: "" },
    { issue: "#12", reason: "duplicate", duplicateOf: "#7" },
  ],
  "merge.labels-created": [{ names: "`postmortem-followup`, `분류: 도구`" }],
  "merge.milestone.created": [{ title: "2026 Q2", due: "2026-06-30" }],
  "merge.milestone.updated": [{ title: "2026 Q2", due: "2026-06-30" }],
  "merge.milestone.description": [{ postmortem: "https://github.com/acme/pay/blob/main/postmortems/a.md" }],
  "merge.note.not-found": [{ ref: "a1b2c3d4e5f6" }],
  "merge.note.renamed-with-errors": [{ from: "postmortems/old.md" }],
  "nudges.reminder": [
    { who: "@jlee", due: "2026-03-20", days: 0, business: false },
    { who: "@jlee", due: "2026-03-20", days: 1, business: false },
    { who: "@acme/sre", due: "2026-03-20", days: 2, business: true },
  ],
  "nudges.overdue": [
    { who: "@jlee", due: "2026-03-20", days: 1, business: false },
    { who: "@jlee", due: "2026-03-20", days: 3, business: true },
  ],
  "nudges.escalation": [
    { to: "@alice @acme/sre-leads", who: "@jlee", due: "2026-03-20", days: 7, business: true },
    { to: "(nobody)", who: "(no owner)", due: "2026-03-20", days: 1, business: false },
  ],
  "nudges.state.escalation": [{ step: 1 }, { step: 2 }],
  "recurrence.intro": [{ count: 1 }, { count: 3 }],
  "recurrence.earlier": [
    {
      link: "[postmortems/2026-01-27-db.md](https://github.com/acme/pay/blob/HEAD/postmortems/2026-01-27-db.md)",
      date: "2026-01-27",
      pr: "#12",
      shared: "`checkout`, `dns`",
    },
    { link: "`acme/api`: `postmortems/x.md`", date: "2026-01-27", pr: "", shared: "`checkout`" },
  ],
  "recurrence.followup": [
    { id: "`pool-dns-refresh`", issue: "#14", state: "closed as validated 3 weeks ago" },
    { id: "`drill`", issue: "", state: "still open" },
  ],
  "recurrence.state.done_validated": [{ age: "3 weeks ago" }],
  "recurrence.state.done_unvalidated": [{ age: "2 days ago" }],
  "recurrence.state.not_doing": [{ age: "today" }],
  "recurrence.state.due_soon": [{ due: "2026-02-06" }],
  "recurrence.state.overdue": [{ due: "2026-02-06" }],
  "recurrence.age": [{ days: 0 }, { days: 1 }, { days: 5 }, { days: 21 }, { days: 90 }, { days: 800 }],
  "recurrence.more": [{ count: 1 }, { count: 4 }],
  "recurrence.comment": [
    {
      link: "[postmortems/2026-03-02-db.md](https://github.com/acme/pay/blob/HEAD/postmortems/2026-03-02-db.md)",
      pr: "#31",
      shared: "`checkout`",
      title: "**Checkout errors again**",
    },
    { link: "`acme/api`: `postmortems/x.md`", pr: "", shared: "`checkout`, `dns`", title: "**Outage**" },
  ],
  "recurrence.report.intro": [
    { repeats: 3, unfinished: 2 },
    { repeats: 1, unfinished: 0 },
  ],
};

/** The sample parameters of a key; none for a plain string. */
export function samplesOf(key: string): readonly unknown[] | undefined {
  if (key.startsWith("problem.")) {
    const code = key.slice("problem.".length) as keyof typeof CASES;
    if (!CASES[code]) return undefined;
    return [CASES[code].params, ...VARIANTS.filter(([p]) => p.code === code).map(([p]) => p.params)];
  }
  return (OTHER_SAMPLES as Record<string, readonly unknown[]>)[key];
}
