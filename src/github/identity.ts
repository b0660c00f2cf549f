import type { Probot } from "probot";

/**
 * The app's own bot login ("slug[bot]"): only issues and comments it authored are trusted, and
 * events it caused are ignored. Resolved once per process with `GET /app` (authenticated as the
 * app, so it needs the JWT, not an installation token) and cached; a failed lookup is retried on
 * the next event. `APP_BOT_LOGIN` (or the `login` option) skips the lookup.
 */
export type BotIdentity = () => Promise<string>;

/** The login of a workflow's `GITHUB_TOKEN`: it can write only its own repository, and no project. */
export const GITHUB_ACTIONS_BOT = "github-actions[bot]";

/** Is the run acting with a workflow's `GITHUB_TOKEN` (not an app or a personal token)? */
export function isWorkflowToken(botLogin: string): boolean {
  return botLogin.toLowerCase() === GITHUB_ACTIONS_BOT;
}

export function botLoginFromSlug(slug: string): string {
  return slug.endsWith("[bot]") ? slug : `${slug}[bot]`;
}

export function createBotIdentity(app: Pick<Probot, "auth">, login = process.env.APP_BOT_LOGIN): BotIdentity {
  if (login) {
    const fixed = botLoginFromSlug(login);
    return async () => fixed;
  }
  let pending: Promise<string> | null = null;
  return () => {
    pending ??= (async () => {
      const octokit = await app.auth();
      const { data } = await octokit.request("GET /app");
      const slug = (data as { slug?: string } | null)?.slug;
      if (!slug) throw new Error("GET /app returned no slug: cannot tell the app's own bot user");
      return botLoginFromSlug(slug);
    })().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}

/** Was this event sent by the app itself (its own issue edits, comments, pushes)? */
export function isOwnEvent(
  sender: { login?: string; type?: string } | null | undefined,
  botLogin: string,
): boolean {
  return !!sender?.login && sender.type === "Bot" && sender.login.toLowerCase() === botLogin.toLowerCase();
}
