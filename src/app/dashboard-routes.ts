import type { ApplicationFunctionOptions, Probot } from "probot";
import type { GitHubClient } from "../github/client.js";
import { listInstallationRepositories } from "../github/installations.js";
import { apiBaseUrl, authorizationUrl, userAccess } from "../github/user-access.js";
import {
  appDashboard,
  type DashboardLogin,
  dashboardHandler,
  dashboardInstallation,
  dashboardSettings,
} from "./dashboard.js";
import { type LoginPorts, loginHandler, loginSettings } from "./dashboard-login.js";

/**
 * The server's dashboard routes (issue 19), registered by the app: `/dashboard` with
 * DASHBOARD_TOKEN and/or the GitHub login (`/dashboard/login`, `/callback`, `/logout`), nothing at
 * all with neither. A login asked for but not fully set up is refused with one log line, and the
 * token alone (if set) still opens the page.
 */
export function registerDashboard(
  app: Probot,
  addHandler: ApplicationFunctionOptions["addHandler"],
  env: Record<string, string | undefined> = process.env,
): void {
  const asked = loginSettings(env);
  if (asked && "problem" in asked) app.log.error(asked.problem);
  const login = asked && !("problem" in asked) ? asked : null;
  const settings = dashboardSettings(env, login !== null);
  if (!settings) return;
  let dashboardLogin: DashboardLogin | null = null;
  if (login) {
    // The installation the page shows, looked up at most once per DASHBOARD_MAX_AGE_SECONDS.
    let known: { value: Promise<{ id: number; account: string }>; at: number } | null = null;
    const installation = () => {
      if (!known || Date.now() - known.at >= settings.maxAgeMs) {
        const value = dashboardInstallation(app, settings);
        known = { value, at: Date.now() };
        value.catch(() => {
          known = null;
        });
      }
      return known.value;
    };
    const ports: LoginPorts = {
      apiBaseUrl: async () => apiBaseUrl((await app.auth()) as GitHubClient),
      installation,
      repositories: async (id) =>
        (await listInstallationRepositories((await app.auth(id)) as GitHubClient)).map((r) =>
          `${r.owner}/${r.repo}`.toLowerCase(),
        ),
      authorizationUrl: (baseUrl, redirectUrl, state) =>
        authorizationUrl(login.client, baseUrl, redirectUrl, state),
      access: (baseUrl, input) => userAccess(login.client, baseUrl, input),
    };
    addHandler(loginHandler(login, ports, app.log));
    dashboardLogin = { settings: login, installationId: async () => (await installation()).id };
    app.log.info({ callback: login.callbackUrl }, "the dashboard's GitHub login is on");
  }
  addHandler(dashboardHandler(settings, appDashboard(app, settings), app.log, Date.now, dashboardLogin));
}
