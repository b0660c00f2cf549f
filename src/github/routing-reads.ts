import { CODEOWNERS_FILES, MAX_CODEOWNERS_BYTES } from "../domain/followups/codeowners.js";
import { repositoryKey } from "../domain/followups/routing.js";
import type { RoutingReads } from "../domain/ports.js";
import type { GitHubClient } from "./client.js";
import { OctokitRepoGateway } from "./gateway.js";
import { BLOB_FIELDS } from "./probe.graphql.js";
import type { BlobNode } from "./probe-map.js";

/**
 * Routing's reads of other repositories of the installation (issue 17), each ONE GraphQL request for
 * all the repositories asked (aliases `r0`, `r1`, ...; the names travel as variables, never spliced
 * into the document):
 *
 * - `codeowners`: the three places GitHub looks for CODEOWNERS on the default branch (`HEAD:`), the
 *   first found wins. A file GraphQL truncates (large) is read again through REST, up to GitHub's
 *   3 MB limit.
 * - `installed`: `repository(owner, name) { isPrivate }`. An installation token does not see a
 *   private repository outside its installation (GitHub answers NOT_FOUND), but it does read public
 *   ones: when a public repository is found, the installation's own list
 *   (`GET /installation/repositories`, paginated) decides; when that list cannot be read (a token
 *   that is not an installation's), a public repository counts as not installed. Any other failure
 *   is thrown: the caller decides (the check leaves routing out; it never guesses "not installed").
 */

/** Repositories per request (GitHub's query cost stays low; a config has at most 200 rules). */
const CHUNK = 50;

interface RepositoryNode {
  nameWithOwner?: string;
  isPrivate?: boolean;
  c0?: BlobNode | null;
  c1?: BlobNode | null;
  c2?: BlobNode | null;
}

function split(repository: string): { owner: string; name: string } {
  const [owner, name] = repository.split("/") as [string, string];
  return { owner, name };
}

/** One query with an alias per repository; `fields` is what each alias reads. */
async function batch(
  octokit: GitHubClient,
  repositories: readonly string[],
  fields: string,
  extra: Record<string, string> = {},
): Promise<(RepositoryNode | null)[]> {
  const out: (RepositoryNode | null)[] = [];
  for (let start = 0; start < repositories.length; start += CHUNK) {
    const chunk = repositories.slice(start, start + CHUNK);
    const variables: Record<string, string> = { ...extra };
    const declared = Object.keys(extra).map((key) => `$${key}: String!`);
    const aliases = chunk.map((repository, i) => {
      const { owner, name } = split(repository);
      variables[`o${i}`] = owner;
      variables[`n${i}`] = name;
      declared.push(`$o${i}: String!`, `$n${i}: String!`);
      return `r${i}: repository(owner: $o${i}, name: $n${i}) { ${fields} }`;
    });
    const query = `query routing(${declared.join(", ")}) { ${aliases.join(" ")} }`;
    let data: Record<string, RepositoryNode | null> | undefined;
    try {
      data = await octokit.graphql<Record<string, RepositoryNode | null>>(query, variables);
    } catch (error) {
      // NOT_FOUND for some aliases: GitHub answers the others (octokit throws with the partial data).
      data = (error as { data?: Record<string, RepositoryNode | null> }).data;
      if (!data) throw error;
    }
    chunk.forEach((_, i) => {
      out.push(data?.[`r${i}`] ?? null);
    });
  }
  return out;
}

export function routingReads(octokit: GitHubClient): RoutingReads {
  return {
    async codeowners(repositories) {
      const found = new Map<string, string | null>();
      if (repositories.length === 0) return found;
      const extra = Object.fromEntries(CODEOWNERS_FILES.map((path, i) => [`p${i}`, `HEAD:${path}`]));
      const fields = CODEOWNERS_FILES.map(
        (_, i) => `c${i}: object(expression: $p${i}) { ${BLOB_FIELDS} }`,
      ).join(" ");
      const nodes = await batch(octokit, repositories, fields, extra);
      for (const [i, repository] of repositories.entries()) {
        const node = nodes[i];
        const at = [node?.c0, node?.c1, node?.c2].findIndex((blob) => blob?.__typename === "Blob");
        const blob = at === -1 ? null : [node?.c0, node?.c1, node?.c2][at]!;
        let text: string | null = null;
        if (blob && !blob.isBinary && (blob.byteSize ?? 0) <= MAX_CODEOWNERS_BYTES) {
          if (!blob.isTruncated && typeof blob.text === "string") text = blob.text;
          else {
            const { owner, name } = split(repository);
            const file = await new OctokitRepoGateway(octokit, owner, name).readFile(CODEOWNERS_FILES[at]!, {
              maxBytes: MAX_CODEOWNERS_BYTES,
            });
            text = file?.kind === "file" ? new TextDecoder().decode(file.content) : null;
          }
        }
        found.set(repositoryKey(repository), text);
      }
      return found;
    },

    async installed(repositories) {
      const reachable = new Set<string>();
      if (repositories.length === 0) return reachable;
      const nodes = await batch(octokit, repositories, "nameWithOwner isPrivate");
      const publicOnes: string[] = [];
      for (const [i, repository] of repositories.entries()) {
        const node = nodes[i];
        if (!node) continue;
        if (node.isPrivate) reachable.add(repositoryKey(repository));
        else publicOnes.push(repositoryKey(repository));
      }
      if (publicOnes.length === 0) return reachable;
      try {
        const listed = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, {
          per_page: 100,
        });
        const names = new Set(
          (listed as unknown as { full_name: string }[]).map((repository) =>
            repositoryKey(repository.full_name),
          ),
        );
        for (const key of publicOnes) if (names.has(key)) reachable.add(key);
      } catch {
        // The installation's list is not readable (a token that is not an installation's): not installed.
      }
      return reachable;
    },
  };
}
