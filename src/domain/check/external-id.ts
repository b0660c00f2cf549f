/** `external_id` of our runs: the pull request, for re-requests without one in the payload (forks). */
export function externalIdFor(pull: number): string {
  return `postmortem-followups:pull/${pull}`;
}

export function pullFromExternalId(externalId: string | null | undefined): number | null {
  const m = /^postmortem-followups:pull\/(\d+)$/.exec(externalId ?? "");
  return m ? Number(m[1]) : null;
}
