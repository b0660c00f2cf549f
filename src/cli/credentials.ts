import { hasAppCredentials } from "../github/auth.js";
import { errorMessage, statusOf } from "../github/client.js";
import { appCredentialProblem, credentialsLine } from "../infra/startup.js";
import type { CliIO } from "./context.js";

/**
 * The app's credentials for `sweep` and `report`, in the server's one-line wording: checked before
 * any request (APP_ID's form, the key file, the key), and again when GitHub refuses them (401).
 */

/** The line for stderr when the app's credentials are set but cannot be used, else null. */
export function unusableCredentials(io: Pick<CliIO, "env" | "cwd">): string | null {
  return hasAppCredentials(io.env) ? appCredentialProblem(io.env, io.cwd) : null;
}

/** The line for stderr when GitHub refused the credentials (401), else null. */
export function refusedCredentials(error: unknown): string | null {
  if (statusOf(error) !== 401) return null;
  const said = errorMessage(error).split("\n")[0]!.slice(0, 200);
  return credentialsLine(
    `GitHub refused them (401: ${said}); check APP_ID and that the key belongs to that app`,
  );
}
