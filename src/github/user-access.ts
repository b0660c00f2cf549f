import { deleteToken, exchangeWebFlowCode, getWebFlowAuthorizationUrl } from "@octokit/oauth-methods";
import { AppOctokit, type GitHubClient } from "./client.js";

/**
 * The GitHub side of the dashboard's login (issue 19): the GitHub App's user-authorization web flow,
 * with @octokit/oauth-methods (installed with Probot; the same library Probot's own OAuth uses).
 *
 * Every URL is derived from the app's API base URL — https://api.github.com, or GHE_HOST's
 * `/api/v3` — by @octokit/oauth-methods (`https://github.com`, or the GHES host), so nothing but
 * the app's own GitHub is ever asked. The user's token lives only inside `userAccess`: it reads who
 * the user is and what they can see, and is revoked before the function returns. It is never
 * returned, stored, logged or put in a cookie.
 */

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/** The API base URL the app's Octokit is configured with (Probot's GHE_HOST / GHE_PROTOCOL). */
export function apiBaseUrl(octokit: GitHubClient): string {
  return octokit.request.endpoint.DEFAULTS.baseUrl;
}

/** An Octokit without credentials on `baseUrl` (the OAuth endpoints authenticate in their body). */
const anonymous = (baseUrl: string) => new AppOctokit({ baseUrl, retry: { enabled: false } });

/** `<GitHub web>/login/oauth/authorize?client_id=…&redirect_uri=…&state=…&allow_signup=false`. */
export function authorizationUrl(
  client: Pick<OAuthClient, "clientId">,
  baseUrl: string,
  redirectUrl: string,
  state: string,
): string {
  return getWebFlowAuthorizationUrl({
    clientType: "github-app",
    clientId: client.clientId,
    redirectUrl,
    state,
    allowSignup: false,
    request: anonymous(baseUrl).request,
  }).url;
}

export interface UserAccess {
  login: string;
  /** The installations of this app the user can access (`GET /user/installations`). */
  installationIds: number[];
  /**
   * The repositories (`owner/name`, lower case) the user can see in the installation asked about,
   * null when they cannot access it at all.
   */
  repositories: string[] | null;
  /** False when revoking the token failed (it then expires on its own, in 8 hours). */
  revoked: boolean;
}

/**
 * Exchange the callback's `code`, then ask GitHub, as the user, who they are, which installations
 * of the app they can access and which of `installationId`'s repositories they can see. The token
 * is revoked afterwards (`DELETE /applications/{client_id}/token`).
 */
export async function userAccess(
  client: OAuthClient,
  baseUrl: string,
  input: { code: string; redirectUrl: string; installationId: number },
): Promise<UserAccess> {
  const web = anonymous(baseUrl);
  const { authentication } = await exchangeWebFlowCode({
    clientType: "github-app",
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    code: input.code,
    redirectUrl: input.redirectUrl,
    request: web.request,
  });
  const token = authentication.token;
  const revoke = () =>
    deleteToken({
      clientType: "github-app",
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      token,
      request: web.request,
    }).then(
      () => true,
      () => false,
    );
  let access: Omit<UserAccess, "revoked">;
  try {
    access = await readAccess(
      new AppOctokit({ auth: { token }, baseUrl, retry: { enabled: false } }),
      input.installationId,
    );
  } catch (error) {
    // The token is not kept when a read fails either.
    await revoke();
    throw error;
  }
  return { ...access, revoked: await revoke() };
}

async function readAccess(user: GitHubClient, installationId: number): Promise<Omit<UserAccess, "revoked">> {
  const { data: me } = await user.request("GET /user");
  const installations = await user.paginate("GET /user/installations", { per_page: 100 });
  const installationIds = installations.map((i) => i.id);
  const repositories = installationIds.includes(installationId)
    ? (
        await user.paginate("GET /user/installations/{installation_id}/repositories", {
          installation_id: installationId,
          per_page: 100,
        })
      ).map((r) => r.full_name.toLowerCase())
    : null;
  return { login: me.login, installationIds, repositories };
}
