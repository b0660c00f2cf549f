import { hasAppCredentials } from "../github/auth.js";
import { errorMessage, statusOf } from "../github/client.js";
import { appCredentialIssues, type CredentialIssue } from "../infra/startup.js";
import { t } from "../text/catalog/index.js";
import type { Language } from "../text/language.js";
import type { CliIO } from "./context.js";

/**
 * The app's credentials for `sweep` and `report`, in one line in the working folder's language:
 * checked before any request (APP_ID's form, the key file, the key), and again when GitHub refuses
 * them (401).
 */

function credentialsLine(issues: readonly CredentialIssue[], language: Language): string {
  const problems = issues.map((issue) => {
    const { kind, ...params } = issue;
    return t(language, `credentials.${kind}`, params as never);
  });
  return t(language, "credentials.line", { problems: problems.join("; ") });
}

/** The line for stderr when the app's credentials are set but cannot be used, else null. */
export function unusableCredentials(io: Pick<CliIO, "env" | "cwd">, language: Language): string | null {
  if (!hasAppCredentials(io.env)) return null;
  const issues = appCredentialIssues(io.env, io.cwd);
  return issues.length === 0 ? null : credentialsLine(issues, language);
}

/** The line for stderr when GitHub refused the credentials (401), else null. */
export function refusedCredentials(error: unknown, language: Language): string | null {
  if (statusOf(error) !== 401) return null;
  const said = errorMessage(error).split("\n")[0]!.slice(0, 200);
  return credentialsLine([{ kind: "refused", said }], language);
}
