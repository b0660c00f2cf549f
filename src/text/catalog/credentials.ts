import { josa } from "../josa.js";
import { defineTopic } from "./define.js";

/**
 * The app's credentials that `sweep` and `report` cannot use (exit 2), one line in the working
 * folder's language: what is wrong (src/infra/startup.ts `CredentialIssue`), then where the settings
 * go. Variable names, paths and GitHub's own words are printed as they are.
 */
interface CredentialsParams {
  /** The whole line: `problems` are the issues below, joined. */
  line: { problems: string };
  "app-id-missing": string;
  "app-id-form": { got: string };
  "key-missing": string;
  "key-path-missing": { path: string };
  "key-path-unreadable": { path: string; code: string };
  "key-not-pem": { file: string | null };
  "key-invalid": { file: string | null };
  refused: { said: string };
}

const keyEn = (file: string | null) => (file === null ? "PRIVATE_KEY" : `the key file ${file}`);
const keyKo = (file: string | null) => (file === null ? "PRIVATE_KEY" : `키 파일 ${file}`);

export const credentials = defineTopic<CredentialsParams>({
  en: {
    line: ({ problems }) =>
      `postmortem-followups: the GitHub App's credentials cannot be used: ${problems}. Set them in the environment or in .env (see .env.example).`,
    "app-id-missing": "APP_ID is missing",
    "app-id-form": ({ got }) =>
      `APP_ID (${JSON.stringify(got)}) is not an app ID (the number on the app's settings page)`,
    "key-missing": "PRIVATE_KEY (or PRIVATE_KEY_PATH) is missing",
    "key-path-missing": ({ path }) => `PRIVATE_KEY_PATH (${path} does not exist)`,
    "key-path-unreadable": ({ path, code }) => `PRIVATE_KEY_PATH (${path} cannot be read: ${code})`,
    "key-not-pem": ({ file }) => `${keyEn(file)} is not a PEM private key`,
    "key-invalid": ({ file }) => `${keyEn(file)} is not a valid private key`,
    refused: ({ said }) =>
      `GitHub refused them (401: ${said}); check APP_ID and that the key belongs to that app`,
  },
  ko: {
    line: ({ problems }) =>
      `postmortem-followups: GitHub 앱의 자격 증명을 쓸 수 없습니다. ${problems}. 환경 변수나 \`.env\`에 설정하세요(\`.env.example\` 참고).`,
    "app-id-missing": "APP_ID가 없습니다",
    "app-id-form": ({ got }) =>
      `APP_ID(${JSON.stringify(got)})가 앱 ID가 아닙니다(앱 설정 페이지의 숫자를 쓰세요)`,
    "key-missing": "PRIVATE_KEY(또는 PRIVATE_KEY_PATH)가 없습니다",
    "key-path-missing": ({ path }) => `PRIVATE_KEY_PATH의 ${josa(path, "이/가")} 없습니다`,
    "key-path-unreadable": ({ path, code }) =>
      `PRIVATE_KEY_PATH의 ${josa(path, "을/를")} 읽지 못했습니다: ${code}`,
    "key-not-pem": ({ file }) => `${josa(keyKo(file), "이/가")} PEM 개인 키가 아닙니다`,
    "key-invalid": ({ file }) => `${josa(keyKo(file), "이/가")} 올바른 개인 키가 아닙니다`,
    refused: ({ said }) => `GitHub가 거부했습니다(401: ${said}). APP_ID와 키가 같은 앱의 것인지 확인하세요`,
  },
});
