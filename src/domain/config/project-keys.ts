/**
 * The vocabulary of `project:` (issue 17), here so both the config schema and the planner
 * (src/domain/followups/project.ts) read it without config/ depending on followups/.
 */

/** The fields the app keeps in step (config `project.fields`: key -> the field's name). */
export const PROJECT_FIELD_KEYS = ["status", "due", "severity", "category", "term", "postmortem"] as const;
export type ProjectFieldKey = (typeof PROJECT_FIELD_KEYS)[number];

/** The status options (config `project.status`: key -> the option's name). */
export const PROJECT_STATUS_KEYS = [
  "open",
  "overdue",
  "done_validated",
  "done_unvalidated",
  "not_doing",
] as const;
export type ProjectStatusKey = (typeof PROJECT_STATUS_KEYS)[number];
