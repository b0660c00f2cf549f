import type { Language } from "../language.js";
import { check } from "./check.js";
import { cli } from "./cli.js";
import { convert } from "./convert.js";
import { credentials } from "./credentials.js";
import { dashboard } from "./dashboard.js";
import { dashboardLogin } from "./dashboard-login.js";
import { format, type Messages, type Topic } from "./define.js";
import { evaluation } from "./evaluation.js";
import { evidence } from "./evidence.js";
import { figures } from "./figures.js";
import { labels } from "./labels.js";
import { merge } from "./merge.js";
import { network } from "./network.js";
import { notDoing } from "./not-doing.js";
import { nudges } from "./nudges.js";
import { plan } from "./plan.js";
import { problems } from "./problems.js";
import { progress } from "./progress.js";
import { project } from "./project.js";
import { recheck } from "./recheck.js";
import { recurrence } from "./recurrence.js";
import { report } from "./report.js";
import { sweep } from "./sweep.js";
import { tracker } from "./tracker.js";
import { usage } from "./usage.js";

/**
 * The catalog of every user-visible string the code writes, en and ko (the longer texts are
 * Handlebars templates in templates/{en,ko}/, loaded by src/text/templates.ts). One topic per
 * file; a key is `topic.key` (`check.title.failure`, `problem.missing-key`), looked up with
 * `t(language, key, params)`. A topic's type (see define.ts) makes a key missing in a language a
 * compile error.
 */
export const CATALOG = {
  problem: problems,
  evidence,
  check,
  progress,
  cli,
  labels,
  merge,
  "not-doing": notDoing,
  figures,
  nudges,
  plan,
  recurrence,
  recheck,
  sweep,
  tracker,
  project,
  evaluation,
  convert,
  report,
  usage,
  network,
  credentials,
  dashboard,
  "dashboard-login": dashboardLogin,
} as const;

type Catalog = typeof CATALOG;
type TopicName = keyof Catalog;
/** A topic's keys and parameters (`Topic<P>` -> P's messages in English). */
type TopicMessages<T extends TopicName> = Catalog[T] extends Topic<infer _P> ? Catalog[T]["en"] : never;

/** Every key of the catalog: `check.title.failure`, `problem.missing-key`, ... */
export type TextKey = { [T in TopicName]: `${T}.${keyof TopicMessages<T> & string}` }[TopicName];

type MessageOf<K extends TextKey> = K extends `${infer T extends TopicName}.${infer M}`
  ? M extends keyof TopicMessages<T>
    ? TopicMessages<T>[M]
    : never
  : never;

/** The parameters of a key (none for a plain string). */
export type TextParams<K extends TextKey> = MessageOf<K> extends (params: infer P) => string ? P : undefined;

/**
 * A message in a language: `t("ko", "check.title.nothing")`,
 * `t("en", "check.title.failure", { errors: 1, warnings: 0, files: 2 })`.
 */
export function t<K extends TextKey>(
  language: Language,
  key: K,
  ...params: MessageOf<K> extends string ? [] : [TextParams<K>]
): string {
  const dot = key.indexOf(".");
  const topic = CATALOG[key.slice(0, dot) as TopicName][language] as Messages<Record<string, unknown>>;
  const message = topic[key.slice(dot + 1)];
  if (message === undefined) throw new Error(`no message ${key}`);
  return format(message as string | ((params: never) => string), params[0]);
}

export {
  type CatalogCode,
  detail,
  type EvidenceCode,
  type ProblemCode,
  type ProblemDetail,
  type ProblemParams,
  type ValueShape,
  type YamlHint,
} from "./problem-params.js";
export { CATALOG_CODES, renderDetail } from "./problems.js";
