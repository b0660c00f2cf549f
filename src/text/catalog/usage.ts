import { josa } from "../josa.js";
import { defineTopic } from "./define.js";

/**
 * The CLI's usage errors (exit 2, printed after the machine prefix `error:`), in the language of the
 * config in the working folder (the config the command read, when it read one). Commander's own
 * messages about unknown options and commands stay English, like `--help`. Options, paths,
 * environment variables and values the user typed are printed as they are.
 */
interface UsageParams {
  "repo-form": { got: string };
  "pr-number": { got: string };
  "merged-on-date": { got: string };
  "init-dir": { dir: string };
  "no-such-file": { file: string };
  "no-such-path": { path: string };
  "not-file-or-folder": { path: string };
  "no-match": { pattern: string };
  "config-not-found": { file: string };
  "config-is-directory": { file: string };
  "config-unreadable": { file: string; code: string };
  /** `report` without credentials. */
  "report-credentials": string;
  /** `report` with GITHUB_TOKEN but without the bot's login. */
  "report-bot": string;
  /** `sweep` without the app's credentials. */
  "sweep-credentials": string;
  "not-installed": { repo: string };
}

const APP_EN =
  "set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH), as for the server; GHE_HOST for GitHub Enterprise Server";
const APP_KO =
  "서버와 같이 APP_ID와 PRIVATE_KEY(또는 PRIVATE_KEY_PATH)를 설정하세요. GitHub Enterprise Server라면 GHE_HOST도 설정하세요";

export const usage = defineTopic<UsageParams>({
  en: {
    "repo-form": ({ got }) => `--repo must be owner/name (got "${got}")`,
    "pr-number": ({ got }) => `--pr must be a pull request number (got "${got}")`,
    "merged-on-date": ({ got }) => `--merged-on must be a date, YYYY-MM-DD (got "${got}")`,
    "init-dir": ({ dir }) =>
      `--dir ${JSON.stringify(dir)}: give a folder inside the repository, e.g. postmortems`,
    "no-such-file": ({ file }) => `${file}: no such file`,
    "no-such-path": ({ path }) => `${path}: no such file or folder`,
    "not-file-or-folder": ({ path }) => `${path}: not a file or a folder`,
    "no-match": ({ pattern }) => `no postmortem files match "${pattern}"`,
    "config-not-found": ({ file }) => `config file ${file} not found`,
    "config-is-directory": ({ file }) => `config file ${file} is a directory`,
    "config-unreadable": ({ file, code }) => `cannot read config file ${file}: ${code}`,
    "report-credentials": `report reads GitHub: set GITHUB_TOKEN, or ${APP_EN}`,
    "report-bot":
      "with GITHUB_TOKEN, name the app's bot (whose issues are trusted) with --bot <slug[bot]> or APP_BOT_LOGIN",
    "sweep-credentials": `sweep authenticates as the app: ${APP_EN}`,
    "not-installed": ({ repo }) => `the app is not installed on ${repo}`,
  },
  ko: {
    "repo-form": ({ got }) => `--repo에는 owner/name 형식을 주세요 (받은 값: "${got}")`,
    "pr-number": ({ got }) => `--pr에는 풀 리퀘스트 번호를 주세요 (받은 값: "${got}")`,
    "merged-on-date": ({ got }) => `--merged-on에는 YYYY-MM-DD 형식의 날짜를 주세요 (받은 값: "${got}")`,
    "init-dir": ({ dir }) => `--dir ${JSON.stringify(dir)}: 저장소 안의 폴더를 주세요 (예: \`postmortems\`)`,
    "no-such-file": ({ file }) => `${file}: 파일이 없습니다`,
    "no-such-path": ({ path }) => `${path}: 파일이나 폴더가 없습니다`,
    "not-file-or-folder": ({ path }) => `${path}: 파일도 폴더도 아닙니다`,
    "no-match": ({ pattern }) => `${josa(`"${pattern}"`, "와/과")} 맞는 포스트모템 파일이 없습니다`,
    "config-not-found": ({ file }) => `설정 파일 ${josa(file, "이/가")} 없습니다`,
    "config-is-directory": ({ file }) => `설정 파일 ${josa(file, "은/는")} 폴더입니다`,
    "config-unreadable": ({ file, code }) => `설정 파일 ${josa(file, "을/를")} 읽지 못했습니다: ${code}`,
    "report-credentials": `report는 GitHub를 읽습니다. GITHUB_TOKEN을 설정하거나, ${APP_KO}`,
    "report-bot":
      "GITHUB_TOKEN을 쓸 때는 `--bot <slug[bot]>`이나 APP_BOT_LOGIN으로 앱의 봇(이슈를 믿을 수 있는 작성자)을 알려 주세요",
    "sweep-credentials": `sweep은 앱으로 인증합니다. ${APP_KO}`,
    "not-installed": ({ repo }) => `앱이 ${repo}에 설치되어 있지 않습니다`,
  },
});
