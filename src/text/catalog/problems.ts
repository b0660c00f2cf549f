import type { Language } from "../language.js";
import { defineTopic } from "./define.js";
import type { CatalogCode, ProblemDetail, ProblemParams } from "./problem-params.js";
import { en } from "./problems-en.js";
import { ko } from "./problems-ko.js";

/** The problem catalog: one message per code and language (problem-params.ts declares the codes). */
export const problems = defineTopic<ProblemParams>({ en, ko });

/** Every code of the catalog (the evidence codes are rendered by the `evidence` topic). */
export const CATALOG_CODES = Object.keys(en) as CatalogCode[];

/** A problem's message in a language. */
export function renderDetail(language: Language, problem: ProblemDetail): string {
  const render = problems[language][problem.code] as (params: ProblemDetail["params"]) => string;
  return render(problem.params);
}
