import { z } from "zod";
import { OWNER_PATTERN, REPOSITORY_PATTERN } from "../config/schema.js";
import { schemaMessage } from "../diagnostics/schema-codes.js";

/**
 * The postmortem format. This zod schema is the single source of truth: the TypeScript types are
 * inferred from it and `postmortem-followups schema` prints its JSON Schema (committed as
 * schema/postmortem.schema.json). Categories and severities are configurable, so the schema only
 * checks their shape; the parser checks them against the repository's config.
 */

/** Limits that keep a hostile or runaway file from exhausting the app. */
export const LIMITS = {
  fileBytes: 1024 * 1024,
  followupsPerFile: 200,
  titleLength: 256,
  textLength: 20_000,
  idLength: 64,
  validationEntries: 20,
  listItems: 100,
  /** `services:` and `tags:` entries (each), and the length of one name. */
  scopeNames: 20,
  scopeNameLength: 64,
} as const;

export const FOLLOWUP_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const PRIORITIES = ["P0", "P1", "P2", "P3"] as const;

const isoDate = z.iso.date({ error: schemaMessage("not-a-date") }).describe("A calendar date, YYYY-MM-DD.");

const text = (what: string) => z.string().max(LIMITS.textLength).describe(what);

const instant = (what: string) =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.datetime({ local: true }), isoDate], {
      error: schemaMessage("not-a-datetime"),
    })
    .describe(what);

export const validationEntrySchema = z
  .string()
  .min(1)
  .max(2048)
  .describe(
    "Evidence that the fix works: a repository path (test/payments/gateway.test.ts), an https URL " +
      '(dashboard, runbook, CI job) or a pull request or issue in this repository ("#123").',
  );

export const followupSchema = z
  .strictObject({
    id: z
      .string()
      .max(LIMITS.idLength)
      .regex(FOLLOWUP_ID_PATTERN, schemaMessage("bad-id-format"))
      .describe(
        "Stable key of the follow-up, unique in the file: [a-z0-9][a-z0-9-]*. Renaming it creates a new issue.",
      ),
    title: z.string().min(1).max(LIMITS.titleLength).describe("Issue title."),
    category: z
      .string()
      .min(1)
      .describe(
        "One of the configured categories (default: system, process, training, documentation, tooling).",
      ),
    owner: z
      .string()
      .max(100)
      .regex(OWNER_PATTERN, schemaMessage("bad-owner-format"))
      .optional()
      .describe("GitHub login of the person responsible, or org/team (a team is mentioned, not assigned)."),
    due: isoDate
      .optional()
      .describe(
        "Due date, YYYY-MM-DD. Default: the configured number of days for its term, from the merge date.",
      ),
    priority: z.enum(PRIORITIES).optional().describe("Priority, P0 (highest) to P3."),
    repo: z
      .string()
      .regex(REPOSITORY_PATTERN, schemaMessage("bad-repository-name"))
      .optional()
      .describe(
        "The repository (`owner/name`) the follow-up's issue goes to, when not the postmortem's: one of the same owner where the app is installed. Overrides the config's `routing` rules.",
      ),
    description: text("Markdown description of the follow-up.").optional(),
    validation: z
      .array(validationEntrySchema)
      .max(LIMITS.validationEntries)
      .describe("One or more pieces of evidence that prove the fix works once it is done.")
      .optional(),
  })
  .describe("One follow-up action item.");

export const rootCauseSchema = z
  .looseObject({
    five_whys: z
      .array(text("One answer to 'why?'"))
      .max(LIMITS.listItems)
      .optional()
      .describe("The 5 Whys chain, in order."),
    fishbone: z
      .record(z.string(), z.array(text("A cause")).max(LIMITS.listItems))
      .optional()
      .describe("Fishbone (Ishikawa) diagram: cause category -> causes."),
    summary: text("The root cause in one or two sentences.").optional(),
  })
  .describe("Root-cause analysis.");

/** A service or tag name: what links a postmortem to earlier ones on the same service (recurrence). */
const scopeList = (what: string) =>
  z
    .array(z.string().trim().min(1).max(LIMITS.scopeNameLength))
    .max(LIMITS.scopeNames)
    .optional()
    .describe(what);

export const timelineEntrySchema = z.strictObject({
  at: instant("When, ISO 8601."),
  event: text("What happened."),
});

export const communicationEntrySchema = z
  .strictObject({
    at: instant("When, ISO 8601."),
    channel: z.string().min(1).max(200).describe("Where: a status page, a Slack channel, an email, a call."),
    audience: z.string().max(200).optional().describe("Who was told: customers, support, executives, ..."),
    summary: text("What was said or decided."),
  })
  .describe("One message to stakeholders during the response.");

export const responseActionSchema = z
  .strictObject({
    at: instant("When, ISO 8601."),
    action: text("What the responders did."),
    result: text("What it changed (or that it did not help).").optional(),
  })
  .describe("One action taken during the response, with its result.");

/** The post-evaluation questions (practice §3.3.1): the keys of `evaluation:` and the comment's checklist. */
export const EVALUATION_QUESTIONS = ["speed", "accuracy", "communication", "process"] as const;

export const evaluationSchema = z
  .union([
    text("The team's post-evaluation, Markdown."),
    z
      .strictObject({
        speed: text("Response speed: how fast was the incident detected, mitigated and resolved?").optional(),
        accuracy: text("Accuracy: were the diagnosis and the actions right the first time?").optional(),
        communication: text(
          "Communication: were stakeholders told early, clearly and often enough?",
        ).optional(),
        process: text("What to change in the response process.").optional(),
      })
      .describe("The answers per question."),
  ])
  .describe(
    "The post-evaluation (after the follow-ups are done): Markdown text, or one answer per question (speed, accuracy, communication, process).",
  );

export const followupsSchema = z
  .strictObject({
    short_term: z.array(followupSchema).optional().describe("Short-term mitigations: immediate fixes."),
    long_term: z
      .array(followupSchema)
      .optional()
      .describe("Long-term prevention: fixes that prevent recurrence."),
  })
  .describe("Follow-up action items by term.");

export const postmortemSchema = z
  .looseObject({
    title: z.string().min(1).max(LIMITS.titleLength).describe("Incident title."),
    date: isoDate.describe("Incident date, YYYY-MM-DD."),
    severity: z
      .string()
      .max(32)
      .optional()
      .describe("One of the configured severities (default SEV1..SEV4)."),
    authors: z
      .array(z.string().max(100))
      .max(LIMITS.listItems)
      .optional()
      .describe("GitHub logins of the authors."),
    summary: text("What happened, in one paragraph.").optional(),
    root_cause: rootCauseSchema.optional(),
    services: scopeList(
      "Services the incident touched (checkout, payments-api). A later postmortem naming one of them lists this one and the state of its follow-ups (recurrence); compared without case.",
    ),
    tags: scopeList(
      "Free tags (database, dns, failover) that link this postmortem to earlier ones the same way as services.",
    ),
    timeline: z.array(timelineEntrySchema).max(1000).optional().describe("What happened, in order."),
    communication: z
      .array(communicationEntrySchema)
      .max(LIMITS.listItems)
      .optional()
      .describe("The communication log: what stakeholders were told, when and where."),
    response_actions: z
      .array(responseActionSchema)
      .max(LIMITS.listItems)
      .optional()
      .describe("The response actions taken during the incident and their results."),
    evaluation: evaluationSchema.optional(),
    followups: followupsSchema,
  })
  .describe(
    "A postmortem: Markdown front matter or a YAML file. Keys are English; values may be in any language.",
  );

export type Postmortem = z.infer<typeof postmortemSchema>;
export type Followup = z.infer<typeof followupSchema>;

export function postmortemJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(postmortemSchema, { target: "draft-2020-12", io: "input" }),
    $id: "https://github.com/postmortem-followups/postmortem-followups/schema/postmortem.schema.json",
    title: "postmortem-followups postmortem",
  };
}
