import { locator } from "../../domain/check/positions.js";
import type { Config } from "../../domain/config/schema.js";
import type { Problem } from "../../domain/diagnostics/problem.js";
import type { RoutingReads } from "../../domain/ports.js";
import type { ParsedFollowup, ParseResult } from "../../domain/postmortem/parse.js";
import { renderDetail } from "../../text/catalog/index.js";
import { type KeyedFollowup, resolveRoutes, routingApplies, stayDetail } from "../routing/resolve.js";

/**
 * The PR check's routing problems (issue 17): the changed postmortems' follow-ups routed as the merge
 * will route them, and each that cannot go where it is routed reported at its line:
 *
 * - its own `repo:` names another owner's repository: an error at the `repo:` line (the app never
 *   writes outside its installation's owner);
 * - the app is not installed on the repository it is routed to: a warning at the follow-up (it stays
 *   in the postmortem's repository, with a note on the merge summary).
 *
 * A rule of another owner is the config's error at the rule's line (domain/config/routing.ts), not
 * repeated per follow-up. Costs nothing when no follow-up can leave its repository; else at most one
 * CODEOWNERS request and one installation probe. A read that fails leaves routing out of the check
 * (logged): it never guesses "not installed".
 */
export async function checkRouting(input: {
  home: string;
  config: Config | null;
  parsed: readonly ParseResult[];
  reads: RoutingReads;
  githubHost: string;
  /** The postmortem's text at the head commit (cached by the check), for the position of `repo:`. */
  readText: (file: string) => Promise<string | null>;
  /** Told when routing read GitHub (the run's outcome then depends on where the app is installed). */
  onRouted?: () => void;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}): Promise<Problem[]> {
  const { config, home } = input;
  if (!config) return [];
  const items: { file: ParseResult; followup: ParsedFollowup; keyed: KeyedFollowup }[] = [];
  for (const file of input.parsed)
    for (const followup of file.followups)
      items.push({
        file,
        followup,
        keyed: { ...followup, key: `${file.file}#${followup.term}#${followup.index}` },
      });
  if (
    !routingApplies(
      home,
      config,
      items.map((i) => i.keyed),
    )
  )
    return [];

  let resolved: Awaited<ReturnType<typeof resolveRoutes>>;
  try {
    resolved = await resolveRoutes({
      home,
      config,
      followups: items.map((i) => i.keyed),
      reads: input.reads,
      githubHost: input.githubHost,
    });
  } catch (error) {
    input.onRouted?.();
    input.log.warn(
      { err: error },
      "routing: CODEOWNERS or the installation could not be read: no routing problems",
    );
    return [];
  }
  input.log.info({ ...resolved.reads, followups: items.length }, "routing: follow-ups routed");
  if (resolved.reads.codeowners + resolved.reads.installed > 0) input.onRouted?.();

  const problems: Problem[] = [];
  const located = new Map<
    string,
    Promise<((path: readonly (string | number)[]) => { line: number; column: number }) | null>
  >();
  const at = (file: string) => {
    if (!located.has(file))
      located.set(
        file,
        input.readText(file).then((text) => (text === null ? null : locator(file, text))),
      );
    return located.get(file)!;
  };
  for (const { file, followup, keyed } of items) {
    const stays = resolved.routes.get(keyed.key)?.stays;
    if (!stays || (stays.reason === "other-owner" && stays.wanted.by === "rule")) continue;
    const problem = stayDetail(home, stays);
    let line = followup.line;
    let column = 1;
    if (stays.wanted.by === "explicit" && !file.markdown) {
      const position = (await at(file.file))?.(["followups", followup.term, followup.index, "repo"]);
      if (position) ({ line, column } = position);
    }
    problems.push({
      file: file.file,
      line,
      column,
      severity: stays.reason === "other-owner" ? "error" : "warning",
      path: `followups.${followup.term}[${followup.index}]${stays.wanted.by === "explicit" ? ".repo" : ""}`,
      code: problem.code,
      message: renderDetail(config.language, problem),
    });
  }
  return problems;
}
