export const REQUIRED_NODE_MAJOR: number;
export function nodeVersionProblem(version: string, env?: Record<string, string | undefined>): string | null;
