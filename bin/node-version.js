// The Node version check that runs before anything else: the CLI launcher, `npm start` and `npm test`
// (scripts/require-node.mjs). Plain JavaScript with nothing newer than Node 12 in it, so that an old Node
// reads it and prints one clear line instead of failing later on a missing API
// (`Promise.withResolvers is not a function`, `Map.groupBy`...).

/** The oldest Node major the project runs on (package.json "engines"). */
export const REQUIRED_NODE_MAJOR = 22;

/**
 * One line for stderr when `version` (process.versions.node, "20.19.5") is too old, else null.
 * In Korean when the locale is Korean (LANG/LC_ALL/LC_MESSAGES starting with "ko").
 */
export function nodeVersionProblem(version, env) {
  const major = Number(String(version).split(".")[0]);
  if (Number.isInteger(major) && major >= REQUIRED_NODE_MAJOR) return null;
  const locale = (env && (env.LC_ALL || env.LC_MESSAGES || env.LANG)) || "";
  if (/^ko/i.test(locale)) {
    return `postmortem-followups는 Node ${REQUIRED_NODE_MAJOR} 이상이 필요합니다. 지금은 Node ${version}입니다 (nvm install ${REQUIRED_NODE_MAJOR}, 또는 .nvmrc를 따르세요).`;
  }
  return `postmortem-followups needs Node ${REQUIRED_NODE_MAJOR} or later; this is Node ${version} (try: nvm install ${REQUIRED_NODE_MAJOR}, or the version in .nvmrc).`;
}
