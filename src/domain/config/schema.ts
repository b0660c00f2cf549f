import { z } from "zod";
import { DEFAULT_CATEGORIES, type Term } from "../../text/catalog/labels.js";
import { LANGUAGES, type Language } from "../../text/language.js";
import { schemaMessage } from "../diagnostics/schema-codes.js";
import type { DuePolicy } from "../policy/due.js";
import {
  globDetail,
  globIssue,
  MAX_GLOB_LENGTH,
  MAX_GLOB_WILDCARDS,
  MAX_GLOBS,
  MAX_MATCHED_PATH_LENGTH,
  MAX_SEGMENT_STARS,
} from "./glob.js";
import {
  PROJECT_FIELD_KEYS,
  PROJECT_STATUS_KEYS,
  type ProjectFieldKey,
  type ProjectStatusKey,
} from "./project-keys.js";

/**
 * The repository config, `.github/postmortem-followups.yml`. Like the postmortem format, this zod
 * schema is the single source of truth: types, defaults, the JSON Schema (`schema --config`) and
 * the configuration reference in docs/configuration.md are all derived from it.
 * Longer than 350 lines: every key with its description is here on purpose, so that the JSON Schema
 * and the generated reference come from one place; the glob bounds and the due-policy engine live
 * in their own files.
 */

/** Where postmortems are looked for when the config does not say. */
/** A host name (no scheme, port or path): `grafana.internal`, `10-0-0-1.nip.io`. */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
/** A ticket project key, as Jira and YouTrack write them. */
const TICKET_KEY = /^[A-Z][A-Z0-9_]{0,19}$/;
/** An https URL template with one `{ticket}`. */
const TICKET_URL = /^https:\/\/[^\s{}]+\{ticket\}[^\s{}]*$/;

export const DEFAULT_PATHS: readonly string[] = ["postmortems/**", "docs/postmortems/**"];

export { LANGUAGES, type Language };

const color = z
  .string()
  .regex(/^#?[0-9a-fA-F]{6}$/, schemaMessage("bad-colour"))
  .transform((c) => c.replace(/^#/, "").toLowerCase())
  .describe("Label colour, 6 hex digits (a leading # is allowed).");

const labelName = z.string().min(1).max(50).describe("Label name (GitHub allows at most 50 characters).");

export const labelSpecSchema = z.strictObject({
  name: labelName.optional().describe("Label name. Default depends on `language`."),
  color: color.optional(),
  description: z.string().max(100).optional().describe("Label description (at most 100 characters)."),
});

export const categorySchema = z.strictObject({
  label: labelName.optional().describe("Label name for this category. Default depends on `language`."),
  color: color.optional(),
  description: z
    .string()
    .max(100)
    .optional()
    .describe("What the category covers; also the label description."),
});

export const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;

/**
 * An enum that also accepts the obvious Korean words for its values (`weekly.day: 월요일`), read as the
 * English key: a Korean team writes its config in Korean, and the rest of the app sees one set of values.
 */
function enumWithKorean<const T extends readonly [string, ...string[]]>(
  values: T,
  korean: Readonly<Record<string, T[number]>>,
) {
  // One enum of both (so editors and the JSON Schema accept the Korean words too), read as the key.
  const all = [...values, ...Object.keys(korean)] as [string, ...string[]];
  return z
    .enum(all)
    .transform((value) => (Object.hasOwn(korean, value) ? korean[value]! : value) as T[number]);
}

const KOREAN_WEEKDAYS: Record<string, (typeof WEEKDAYS)[number]> = {
  월요일: "monday",
  화요일: "tuesday",
  수요일: "wednesday",
  목요일: "thursday",
  금요일: "friday",
  토요일: "saturday",
  일요일: "sunday",
};

const timezone = z
  .string()
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { error: schemaMessage("not-a-time-zone") },
  )
  .describe("IANA time zone, e.g. UTC, Europe/Berlin, Asia/Seoul.");

/** A GitHub login (a leading @ is allowed) or org/team: a follow-up's owner and a value of `markdown.owners`. */
/** `owner/name` of a GitHub repository. */
export const REPOSITORY_PATTERN = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;

export const OWNER_PATTERN = /^@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?$/;

/**
 * What `_extends` may say: Probot's config plugin's own pattern (@probot/octokit-plugin-config,
 * EXTENDS_REGEX, spelled without the `i` flag so that the JSON Schema has it too): `repo`,
 * `owner/repo`, `owner/repo:path.yml`. Probot refuses anything else; `.` and `..`, which it would
 * take as repository names, are refused here too.
 */
export const EXTENDS_PATTERN =
  /^(?:([a-zA-Z\d](?:[a-zA-Z\d]|-(?=[a-zA-Z\d])){0,38})\/)?(?!\.{1,2}(?::|$))([-_.\w\d]+)(?::([-_./\w\d]+\.[yY](?:[aA])?[mM][lL]))?$/;

/** One `paths` glob: within the bounds of ./glob.ts (the length by `max`, the rest here). */
const glob = z
  .string()
  .min(1)
  .max(MAX_GLOB_LENGTH)
  .superRefine((g, ctx) => {
    const issue = g.length > MAX_GLOB_LENGTH ? undefined : globIssue(g);
    // The problem travels with the issue (./glob.ts owns the bounds; diagnostics only renders it).
    if (issue)
      ctx.addIssue({
        code: "custom",
        message: schemaMessage("bad-glob"),
        input: g,
        params: globDetail(issue),
      });
  })
  .describe(
    `A glob, at most ${MAX_GLOB_LENGTH} characters and ${MAX_GLOB_WILDCARDS} wildcards (each \`*\`, \`**\`, \`?\`, \`[...]\`, and each \`{...}\` alternative after the first), at most ${MAX_SEGMENT_STARS} stars between two slashes; no extglobs such as \`@(...)\`. A leading \`!\` excludes.`,
  );

/** At most this many `routing.rules` (each follow-up is tried against each rule, in order). */
export const MAX_ROUTING_RULES = 200;

/** The matchers of a routing rule: a rule needs at least one (a rule without any would take every follow-up). */
export const ROUTING_MATCHERS = ["category", "term", "owner", "path", "codeowner"] as const;

const routingOwner = (what: string) =>
  z.string().max(100).regex(OWNER_PATTERN, schemaMessage("bad-owner-format")).optional().describe(what);

const routingRule = z
  .strictObject({
    repo: z
      .string()
      .regex(REPOSITORY_PATTERN, schemaMessage("bad-repository-name"))
      .describe(
        "The repository (`owner/name`) the matching follow-ups' issues go to: one of the same owner as the postmortem's repository, where the app is installed.",
      ),
    category: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe("Matches follow-ups of this category (a key of `categories`)."),
    term: z
      .enum(["short_term", "long_term"])
      .optional()
      .describe("Matches follow-ups of this term: `short_term` or `long_term`."),
    owner: routingOwner(
      "Matches follow-ups whose owner is this GitHub login or org/team (case-insensitive, with or without `@`).",
    ),
    path: glob
      .optional()
      .describe(
        `Matches follow-ups whose evidence touches a path this glob matches: a repository path (\`services/payments/pool.ts\`) or the path of a GitHub blob or tree link. At most ${MAX_GLOB_LENGTH} characters and ${MAX_GLOB_WILDCARDS} wildcards, at most ${MAX_SEGMENT_STARS} stars between two slashes, no extglobs; a leading \`!\` is literal.`,
      ),
    codeowner: routingOwner(
      "Matches follow-ups whose evidence touches a path that the CODEOWNERS of the evidence's repository (default branch: `.github/CODEOWNERS`, `CODEOWNERS` or `docs/CODEOWNERS`) assigns to this login or org/team (case-insensitive, with or without `@`).",
    ),
  })
  .superRefine((rule, ctx) => {
    if (ROUTING_MATCHERS.every((key) => rule[key] === undefined))
      ctx.addIssue({ code: "custom", message: schemaMessage("routing-rule-no-matcher"), input: rule });
  })
  .describe(
    "One routing rule: the repository, and what a follow-up must match (every matcher given; at least one).",
  );

const PROJECT_FIELD_HELP: Record<ProjectFieldKey, string> = {
  status: "Single-select field of the follow-up's state.",
  due: "Date field of the due date.",
  severity: "Single-select (or text) field of the postmortem's severity.",
  category: "Single-select (or text) field of the category.",
  term: "Single-select (or text) field of the term (short or long).",
  postmortem: "Text field of the postmortem (its path).",
};

/** Days overdue of each escalation step (sorted and deduplicated when loaded). */
const escalationDays = z
  .array(z.int().min(1).max(365))
  .max(5)
  .describe(
    "Days after the due date of each escalation step, e.g. `[7, 14]` (at most 5; `[]`: no escalation beyond the owner).",
  );

/** Whom an escalation step mentions. */
const escalationTo = z
  .array(z.string().regex(OWNER_PATTERN, schemaMessage("bad-owner-format")))
  .max(10)
  .describe(
    "GitHub logins or org/teams an escalation step mentions (at most 10). Empty: the postmortem's authors.",
  );

export const configSchema = z
  .strictObject({
    _extends: z
      .string()
      .regex(EXTENDS_PATTERN, schemaMessage("bad-extends"))
      .optional()
      .describe(
        "Inherit settings from another repository's config (handled by Probot), e.g. `.github` or `org/repo:path.yml`. " +
          "When the config it names cannot be read (missing, forbidden, or invalid), that is a configuration error: " +
          "the app creates no issue and no label until it is fixed.",
      ),
    format: z
      .enum(["auto", "front-matter", "markdown"])
      .default("auto")
      .describe(
        "How Markdown postmortems are read. `auto`: YAML front matter with `followups` is the precise format; any other Markdown file is read as teams write it (an Action Items / 재발 방지 section: tables, lists, checkboxes). `front-matter`: only the precise format (a file without it is skipped, with a note). `markdown`: always the Markdown reader.",
      ),
    markdown: z
      .strictObject({
        sections: z
          .array(z.string().min(1).max(100))
          .max(20)
          .default([])
          .describe(
            "More headings that hold follow-ups, besides the built-in ones (Action Items, Follow-ups, Remediation, 재발 방지, 후속 조치, ...). Matched as words, case-insensitive.",
          ),
        owners: z
          .record(
            z.string().min(1).max(100),
            z.string().regex(OWNER_PATTERN, schemaMessage("bad-owner-format")),
          )
          .default({})
          .describe(
            "Owner names as the postmortems write them -> a GitHub login or org/team (`SRE: acme/sre`, `백엔드: acme/backend`). A name that maps nowhere stays text in the issue, with a warning.",
          ),
        default_term: z
          .enum(["short_term", "long_term"])
          .default("long_term")
          .describe(
            "The term of an item when nothing says which (no term column, heading word, SRE type or near due date).",
          ),
      })
      .default({ sections: [], owners: {}, default_term: "long_term" })
      .describe("Options of the Markdown reader (`format: auto` or `markdown`)."),
    paths: z
      .array(glob)
      .min(1)
      .max(MAX_GLOBS)
      .default([...DEFAULT_PATHS])
      .describe(
        `Globs (relative to the repository root) of the postmortem files: at most ${MAX_GLOBS}, each at most ${MAX_GLOB_LENGTH} characters ` +
          `with at most ${MAX_GLOB_WILDCARDS} wildcards (each \`*\`, \`**\`, \`?\`, \`[...]\`, and each \`{...}\` alternative after the first), at most ${MAX_SEGMENT_STARS} stars between two slashes, no extglobs such as \`@(...)\`. ` +
          "A file is a postmortem when its name ends in .md, .markdown, .yml or .yaml, it matches one glob without `!` and no glob with `!` " +
          `(\`!postmortems/_TEMPLATE.md\` leaves the template out), and its path is at most ${MAX_MATCHED_PATH_LENGTH} characters. ` +
          "Files and folders whose name starts with a dot never match.",
      ),
    language: z
      .enum(LANGUAGES)
      .default("en")
      .describe(
        "Language of everything the app writes (issues, labels, comments, the check): `en` or `ko`. " +
          "The messages about mistakes in a postmortem or in this file (`lint`, the check's annotations) follow it too.",
      ),
    categories: z
      .record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, schemaMessage("bad-category-key")), categorySchema)
      .optional()
      .describe(
        "Follow-up categories: key -> label, colour, description. Default: system, process, training, documentation, tooling. " +
          "Setting this replaces the default set.",
      ),
    severities: z
      .array(z.string().min(1).max(32))
      .min(1)
      .default(["SEV1", "SEV2", "SEV3", "SEV4"])
      .describe("Allowed values of `severity`, most severe first."),
    due_days: z
      .strictObject({
        short_term: z
          .int()
          .min(1)
          .max(3650)
          .default(14)
          .describe("Days after the merge a short-term follow-up is due."),
        long_term: z
          .int()
          .min(1)
          .max(3650)
          .default(90)
          .describe("Days after the merge a long-term follow-up is due."),
        business_days: z
          .boolean()
          .default(false)
          .describe(
            "Count due days as business days: Saturdays, Sundays and `holidays` are skipped (also for `due_policies`).",
          ),
        holidays: z
          .array(z.iso.date({ error: schemaMessage("not-a-date") }))
          .max(400)
          .default([])
          .describe("Dates (YYYY-MM-DD) that are not business days, e.g. your public holidays."),
      })
      .default({ short_term: 14, long_term: 90, business_days: false, holidays: [] })
      .describe(
        "Default due dates, for follow-ups without `due` and without a matching row in `due_policies`.",
      ),
    due_policies: z
      .array(
        z.strictObject({
          severity: z
            .string()
            .min(1)
            .max(32)
            .optional()
            .describe("The severity the row applies to (default: any)."),
          category: z.string().min(1).optional().describe("The category the row applies to (default: any)."),
          short_term: z
            .int()
            .min(1)
            .max(3650)
            .optional()
            .describe("Days until a short-term follow-up is due."),
          long_term: z.int().min(1).max(3650).optional().describe("Days until a long-term follow-up is due."),
        }),
      )
      .max(100)
      .default([])
      .describe(
        "Due days by severity and term (and optionally category): e.g. `{ severity: SEV1, short_term: 7, long_term: 28 }`. " +
          "The most specific matching row wins (a severity counts more than a category), then the first; `due_days` is the fallback, and a `due` in the postmortem wins over both.",
      ),
    reminders: z
      .strictObject({
        enabled: z
          .boolean()
          .default(true)
          .describe(
            "`false`: no reminder comments at all. `days_before` still sets the window of the due soon label (`labels.due_soon: false` turns that off).",
          ),
        days_before: z
          .int()
          .min(0)
          .max(60)
          .default(2)
          .describe(
            "Days before the due date that the follow-up issue gets a comment mentioning its owner (0: no reminder). Business days when `due_days.business_days` is on. Once per follow-up and due date: a moved due date makes a new reminder due.",
          ),
        by_severity: z
          .record(z.string().min(1).max(32), z.int().min(0).max(60))
          .default({})
          .describe("`days_before` per severity, e.g. `{ SEV1: 5 }`; other severities use `days_before`."),
      })
      .default({ enabled: true, days_before: 2, by_severity: {} })
      .describe(
        "Reminders on the follow-up issue before its due date (the hourly scheduler and `sweep`). Never on a closed issue.",
      ),
    escalation: z
      .strictObject({
        enabled: z
          .boolean()
          .default(true)
          .describe(
            "`false`: no comment after the due date at all, neither the owner's overdue notice nor the escalation steps.",
          ),
        overdue_notice: z
          .boolean()
          .default(true)
          .describe(
            "`false`: no comment mentioning the owner once the due date has passed; the escalation steps (`after_days`) still come.",
          ),
        after_days: escalationDays.default([7]),
        to: escalationTo.default([]),
        by_severity: z
          .record(
            z.string().min(1).max(32),
            z.strictObject({
              after_days: escalationDays.optional(),
              to: escalationTo.optional(),
            }),
          )
          .default({})
          .describe(
            "`after_days` and `to` per severity, e.g. `{ SEV1: { after_days: [2, 5], to: [acme/sre-leads] } }`; what a row leaves out comes from above.",
          ),
      })
      .default({ enabled: true, overdue_notice: true, after_days: [7], to: [], by_severity: {} })
      .describe(
        "After the due date: on the day after it, a comment on the follow-up issue mentions its owner (`overdue_notice`); after each of `after_days`, one mentions the escalation list. Days are business days when `due_days.business_days` is on. One comment per step, recorded in the issue so it is never repeated.",
      ),
    labels: z
      .strictObject({
        tracking: labelSpecSchema
          .optional()
          .describe("The label that marks every follow-up issue. Default `postmortem-followup`."),
        short_term: labelSpecSchema.optional().describe("Label of short-term follow-ups."),
        long_term: labelSpecSchema.optional().describe("Label of long-term follow-ups."),
        severity_prefix: z
          .string()
          .max(30)
          .optional()
          .describe(
            "Prefix of the severity labels, e.g. `severity: ` gives `severity: SEV1`. Default depends on `language`.",
          ),
        needs_validation: labelSpecSchema
          .optional()
          .describe("Label added to a follow-up closed without proof."),
        due_soon: z
          .union([labelSpecSchema, z.literal(false)])
          .optional()
          .describe(
            "Label of an open follow-up within its reminder window (`reminders.days_before`), added and removed by the sweep. Default depends on `language`. `false`: no such label (the sweep neither adds nor removes it).",
          ),
        overdue: z
          .union([labelSpecSchema, z.literal(false)])
          .optional()
          .describe(
            "Label of an open follow-up past its due date, added and removed by the sweep. Default depends on `language`. `false`: no such label (the sweep neither adds nor removes it).",
          ),
        validation_lapsed: labelSpecSchema
          .optional()
          .describe(
            "Label the effectiveness re-check (`effectiveness`) adds to a follow-up closed as validated whose evidence no longer holds. Default depends on `language`.",
          ),
      })
      .default({})
      .describe("Label names, colours and descriptions."),
    validation: z
      .strictObject({
        required: z
          .boolean()
          .default(true)
          .describe("A follow-up without `validation` is an error (fails the check)."),
        markdown: z
          .enum(["warn", "error"])
          .default("warn")
          .describe(
            "Plain Markdown postmortems: an open item without evidence is a warning (`warn`) or an error (`error`). Its issue says that no validation was named and asks for proof at close.",
          ),
        on_close: enumWithKorean(["comment", "reopen", "off"], {
          댓글: "comment",
          "다시 열기": "reopen",
          끄기: "off",
        })
          .default("comment")
          .describe(
            "What happens when a follow-up is closed as completed without proof: comment, reopen, or nothing.",
          ),
        proof_repositories: z
          .array(z.string().regex(REPOSITORY_PATTERN, schemaMessage("bad-repository-name")))
          .max(50)
          .default([])
          .describe(
            "Other repositories (`owner/name`) whose merged pull requests and commits may prove a follow-up on close. By default only the follow-up's own repository counts: a closing reference from any other repository is ignored.",
          ),
        http_hosts: z
          .array(z.string().regex(HOST_NAME, schemaMessage("bad-host-name")))
          .max(50)
          .default([])
          .describe(
            "Host names whose plain `http://` URLs count as evidence (an internal dashboard without TLS, e.g. `grafana.internal`). Like every URL that is not on GitHub, they are checked for form only and never fetched.",
          ),
        tickets: z
          .array(
            z.strictObject({
              key: z
                .string()
                .regex(TICKET_KEY, schemaMessage("bad-ticket-key"))
                .describe("The project key: `JIRA` accepts `JIRA-123`."),
              url: z
                .string()
                .max(512)
                .regex(TICKET_URL, schemaMessage("bad-ticket-url"))
                .describe(
                  "An https URL with `{ticket}` where the ticket goes: `https://jira.example.com/browse/{ticket}`.",
                ),
            }),
          )
          .max(20)
          .default([])
          .describe(
            "Ticket keys that count as evidence (`JIRA-123`), each linked through its URL template. A key, not a free regular expression: the config of a pull request is untrusted, and a key cannot backtrack.",
          ),
      })
      .default({
        required: true,
        markdown: "warn",
        on_close: "comment",
        proof_repositories: [],
        http_hosts: [],
        tickets: [],
      })
      .describe("The validation policy."),
    recurrence: z
      .strictObject({
        enabled: z
          .boolean()
          .default(true)
          .describe(
            "List the earlier postmortems a new one shares a service or tag with (`services:`, `tags:`) on its check and pull request summary.",
          ),
        comment: z
          .boolean()
          .default(true)
          .describe("On merge, comment once on each earlier postmortem's pull request, linking the new one."),
        repositories: z
          .array(z.string().regex(REPOSITORY_PATTERN, schemaMessage("bad-repository-name")))
          .max(10)
          .default([])
          .describe(
            "Other repositories of the same owner and app installation (`owner/name`) whose postmortems count as earlier incidents too. Read with this repository's tracking label. A repository of another owner is an error at its line; one the installation cannot read is skipped (and logged).",
          ),
      })
      .default({ enabled: true, comment: true, repositories: [] })
      .describe(
        "Recurrence: a new postmortem on a service or tag of an earlier one lists it and the state of its follow-ups.",
      ),
    effectiveness: z
      .strictObject({
        recheck_days: z
          .int()
          .min(1)
          .max(365)
          .default(30)
          .describe(
            "Days after a follow-up is closed as validated that the sweep re-resolves its evidence once (the repository file still on the default branch, the issue or pull request still there and merged or closed). Links to other hosts are never fetched: they are checked for form only and count as holding.",
          ),
        by_severity: z
          .record(z.string().min(1).max(32), z.int().min(1).max(365))
          .default({})
          .describe("`recheck_days` per severity, e.g. `{ SEV1: 14 }`; other severities use `recheck_days`."),
        on_lapse: z
          .enum(["comment", "reopen"])
          .default("comment")
          .describe(
            "What happens when evidence no longer holds: `comment` (default) comments on the closed issue and adds the `validation lapsed` label; `reopen` also reopens it. Reopening is louder (it puts the follow-up back into every open count and notifies its watchers), so teams opt in.",
          ),
      })
      .default({ recheck_days: 30, by_severity: {}, on_lapse: "comment" })
      .describe(
        "Effectiveness re-check: evidence that still holds weeks after a follow-up was closed as validated. At most 50 re-checks per sweep; the rest wait for the next sweep.",
      ),
    milestones: z
      .boolean()
      .default(false)
      .describe(
        "Create one milestone per postmortem, due on its latest follow-up, so GitHub shows its progress natively.",
      ),
    tracker: z
      .boolean()
      .default(false)
      .describe(
        "One tracker issue per postmortem, in its repository, with every follow-up issue attached as a sub-issue, so GitHub shows the progress natively. Its body is the live summary (the pull request summary's content), kept in step by every merge and sweep and written only when it changed; it closes itself when every follow-up is done and validated (or closed as not doing with a reason). Where the sub-issues API is missing (an older GitHub Enterprise Server), the tracker lists the follow-ups as a task list instead and says why. It carries the tracking label and a hidden marker, never a follow-up marker.",
      ),
    project: z
      .strictObject({
        owner: z
          .string()
          .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/, schemaMessage("bad-owner-format"))
          .describe("The organisation or user that owns the project (a login, without `@`)."),
        number: z
          .int()
          .min(1)
          .max(1_000_000)
          .describe("The project's number (the `3` of `github.com/orgs/acme/projects/3`)."),
        fields: z
          .strictObject(
            Object.fromEntries(
              PROJECT_FIELD_KEYS.map((key) => [
                key,
                z
                  .union([z.string().min(1).max(100), z.literal(false)])
                  .optional()
                  .describe(PROJECT_FIELD_HELP[key]),
              ]),
            ) as Record<ProjectFieldKey, z.ZodOptional<z.ZodUnion<[z.ZodString, z.ZodLiteral<false>]>>>,
          )
          .default({})
          .describe(
            "The project's field for each value, by name (default depends on `language`: Status, Due, Severity, Category, Term, Postmortem); `false`: leave that field alone.",
          ),
        status: z
          .strictObject(
            Object.fromEntries(
              PROJECT_STATUS_KEYS.map((key) => [
                key,
                z.string().min(1).max(100).optional().describe(`The option for \`${key}\`.`),
              ]),
            ) as Record<ProjectStatusKey, z.ZodOptional<z.ZodString>>,
          )
          .default({})
          .describe(
            "The status field's option for each state: `open`, `overdue`, `done_validated`, `done_unvalidated`, `not_doing` (default depends on `language`).",
          ),
        create_fields: z
          .boolean()
          .default(false)
          .describe(
            "Create the fields the project lacks (single-select with their options; a date for `due`, text for `postmortem`). `false`: a missing field is one problem in the summary, and the other fields are still written.",
          ),
      })
      .optional()
      .describe(
        "Add every follow-up issue to a Projects (v2) project and keep its fields in step (status, due date, severity, category, term, postmortem), writing only what changed. Needs the app's `organization_projects: write` permission; a project of a user account needs a user's token (the CLI or the Action), and in the Action a token that can write the project (`GITHUB_TOKEN` cannot). See docs/permissions.md.",
      ),
    routing: z
      .strictObject({
        rules: z
          .array(routingRule)
          .max(MAX_ROUTING_RULES)
          .default([])
          .describe(
            `Rules that send follow-ups to other repositories of the same owner (at most ${MAX_ROUTING_RULES}). The first rule whose every matcher matches wins; a follow-up's own \`repo:\` beats every rule; with none, the issue stays in the postmortem's repository.`,
          ),
        codeowners: z
          .boolean()
          .default(false)
          .describe(
            "When no rule matches: a follow-up whose evidence links to a file of another repository of the same owner (a GitHub blob or tree link) goes to that repository when its CODEOWNERS assigns the file an owner.",
          ),
      })
      .default({ rules: [], codeowners: false })
      .describe(
        "Routing: which repository each follow-up's issue goes to. A repository of another owner is an error at its line; one where the app is not installed keeps the follow-up in the postmortem's repository, with a problem on the check. See docs/routing.md.",
      ),
    weekly: z
      .strictObject({
        enabled: z
          .boolean()
          .default(true)
          .describe("Post a progress comment on the postmortem pull request every week."),
        day: enumWithKorean(WEEKDAYS, KOREAN_WEEKDAYS)
          .default("monday")
          .describe("Day of the week of the progress comment."),
        hour: z.int().min(0).max(23).default(9).describe("Hour of the day (0-23) in `timezone`."),
        timezone: timezone.default("UTC"),
        mention: enumWithKorean(["everyone", "overdue", "nobody"], {
          모두: "everyone",
          "기한 초과": "overdue",
          없음: "nobody",
        })
          .default("overdue")
          .describe(
            "Whom the progress comment @-mentions: every owner with open follow-ups, only owners of overdue ones, or nobody.",
          ),
      })
      .default({ enabled: true, day: "monday", hour: 9, timezone: "UTC", mention: "overdue" })
      .describe("The weekly progress comment."),
  })
  .superRefine((config, ctx) => {
    // A policy row must name a severity and a category the config knows (else it would never match).
    const categories = config.categories ? Object.keys(config.categories) : [...DEFAULT_CATEGORIES];
    config.due_policies.forEach((row, i) => {
      if (row.severity !== undefined && !config.severities.includes(row.severity))
        ctx.addIssue({
          code: "invalid_value",
          values: config.severities,
          input: row.severity,
          path: ["due_policies", i, "severity"],
        });
      if (row.category !== undefined && !categories.includes(row.category))
        ctx.addIssue({
          code: "invalid_value",
          values: categories,
          input: row.category,
          path: ["due_policies", i, "category"],
        });
    });
    // A routing rule's category must be one the config knows (else the rule would never match).
    config.routing.rules.forEach((rule, i) => {
      if (rule.category !== undefined && !categories.includes(rule.category))
        ctx.addIssue({
          code: "invalid_value",
          values: categories,
          input: rule.category,
          path: ["routing", "rules", i, "category"],
        });
    });
    // A per-severity reminder or escalation must name a severity the config knows.
    for (const section of ["reminders", "escalation", "effectiveness"] as const)
      for (const severity of Object.keys(config[section].by_severity))
        if (!config.severities.includes(severity))
          ctx.addIssue({
            code: "invalid_value",
            values: config.severities,
            input: severity,
            path: [section, "by_severity", severity],
          });
  })
  .describe("postmortem-followups configuration (.github/postmortem-followups.yml).");

export type ParsedConfig = z.output<typeof configSchema>;

export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

export interface CategorySpec extends LabelSpec {
  key: string;
}

/** One `routing.rules` entry as the core uses it (owners without `@`). */
export interface RoutingRule {
  repo: string;
  category?: string;
  term?: Term;
  owner?: string;
  path?: string;
  codeowner?: string;
}

/** `routing:` as the core uses it. */
export interface RoutingConfig {
  rules: RoutingRule[];
  codeowners: boolean;
}

/** The config with every language-dependent default filled in: what the core works with. */
export interface Config {
  paths: string[];
  format: "auto" | "front-matter" | "markdown";
  markdown: { sections: string[]; owners: Record<string, string>; defaultTerm: Term };
  language: Language;
  categories: Record<string, CategorySpec>;
  severities: string[];
  dueDays: Record<Term, number>;
  /** The due policy: rows by severity x term (x category), business days, holidays. */
  duePolicy: DuePolicy;
  labels: {
    tracking: LabelSpec;
    terms: Record<Term, LabelSpec>;
    severity: Record<string, LabelSpec>;
    needsValidation: LabelSpec;
    /**
     * The state labels the sweep adds and removes (src/domain/followups/nudges.ts); null: turned
     * off (`false` in the config), the sweep leaves such a label alone.
     */
    dueSoon: LabelSpec | null;
    overdue: LabelSpec | null;
    /** Added by the effectiveness re-check when a validated follow-up's evidence no longer holds. */
    validationLapsed: LabelSpec;
  };
  /** Reminders before the due date (days; 0: none), per severity where a row says; `enabled: false`: none at all. */
  reminders: { enabled: boolean; daysBefore: number; bySeverity: Record<string, number> };
  /**
   * Escalation after the due date: days overdue of each step, and whom (empty: the authors);
   * `enabled: false`: no comment after the date; `overdueNotice: false`: no owner's notice.
   */
  escalation: {
    enabled: boolean;
    overdueNotice: boolean;
    afterDays: number[];
    to: string[];
    bySeverity: Record<string, { afterDays?: number[]; to?: string[] }>;
  };
  validation: {
    required: boolean;
    /** Plain Markdown postmortems: an item without evidence is a warning or an error. */
    markdown: "warn" | "error";
    onClose: "comment" | "reopen" | "off";
    /** owner/name of other repositories whose pull requests and commits may prove a follow-up. */
    proofRepositories: string[];
    /** Host names whose http:// URLs count as evidence (form only). */
    httpHosts: string[];
    /** Ticket keys that count as evidence, with their URL templates. */
    tickets: { key: string; url: string }[];
  };
  /** Recurrence: earlier postmortems on the same services or tags (this repository and `repositories`). */
  recurrence: { enabled: boolean; comment: boolean; repositories: string[] };
  /** Effectiveness re-check (src/domain/validation/recheck.ts): days after closing, per severity where a row says. */
  effectiveness: { recheckDays: number; bySeverity: Record<string, number>; onLapse: "comment" | "reopen" };
  milestones: boolean;
  /** One tracker issue per postmortem with the follow-ups as sub-issues (src/runs/merge/tracker.ts). */
  tracker: boolean;
  /** The Projects (v2) project the follow-ups go to (src/runs/merge/project.ts), field and option names resolved. */
  project: {
    owner: string;
    number: number;
    /** key -> field name; a key left out (`false`) is not written. */
    fields: Partial<Record<ProjectFieldKey, string>>;
    status: Record<ProjectStatusKey, string>;
    createFields: boolean;
  } | null;
  /** Routing of follow-ups to other repositories (src/domain/followups/routing.ts). */
  routing: RoutingConfig;
  weekly: {
    enabled: boolean;
    day: (typeof WEEKDAYS)[number];
    hour: number;
    timezone: string;
    mention: "everyone" | "overdue" | "nobody";
  };
}

export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, {
      target: "draft-2020-12",
      io: "input",
      // zod leaves out the default of a value whose schema transforms (enumWithKorean): a default
      // is an output, which need not be an input. Ours are the English keys, valid inputs too.
      override: (ctx) => {
        const def = ctx.zodSchema._zod.def;
        if (def.type === "default" && ctx.jsonSchema.default === undefined) {
          ctx.jsonSchema.default = JSON.parse(JSON.stringify(def.defaultValue));
        }
      },
    }),
    $id: "https://github.com/postmortem-followups/postmortem-followups/schema/config.schema.json",
    title: "postmortem-followups configuration",
  };
}
