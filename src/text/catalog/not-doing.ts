import { defineTopic } from "./define.js";

/**
 * "Not doing" with a reason (issue 16): the line recorded in a follow-up's evidence section, the
 * request for a reason after a close as not planned, and the replies to `/not-doing`. Every
 * parameter is already safe Markdown (sanitised by the caller; logins in code spans or mentions).
 */

interface NotDoingParams {
  /** The evidence section's line: why, who accepted the risk, when, where it was said. */
  entry: { reason: string; login: string; date: string; commentUrl: string; closedBy: string | null };
  /** Asked once per close as not planned without a reason. */
  request: { closedBy: string; reopened: boolean };
  /** `/not-doing` by someone without write access. */
  refused: { login: string };
  /** `/not-doing` without a reason. */
  usage: { login: string };
}

export const notDoing = defineTopic<NotDoingParams>({
  en: {
    entry: ({ reason, login, date, commentUrl, closedBy }) =>
      `⚪ **Not doing.** Reason: ${reason}. Risk accepted by ${login} on ${date} ([comment](${commentUrl}))${
        closedBy ? `; closed by ${closedBy}` : ""
      }.`,
    request: ({ closedBy, reopened }) =>
      [
        `${closedBy}, this follow-up was closed as **not planned** without a reason. Deciding not to do a follow-up means accepting the risk it was meant to remove, so the team needs to know why and who decided.`,
        "",
        "Someone with write access to this repository can comment `/not-doing <reason>`, for example `/not-doing the service is retired in Q3`. The reason and who gave it are recorded on this issue and listed in the weekly report.",
        "",
        reopened
          ? "The issue was reopened until a reason is given (`validation.on_close: reopen`)."
          : "The issue stays closed; until a reason is given, the reports list it as not doing without a reason.",
      ].join("\n"),
    refused: ({ login }) =>
      `Thanks, ${login}. Only people with write access to this repository can accept the risk of not doing a follow-up, so nothing was recorded. Ask a maintainer to comment \`/not-doing <reason>\`.`,
    usage: ({ login }) =>
      `${login}, \`/not-doing\` needs the reason after it, for example \`/not-doing the service is retired in Q3\`.`,
  },
  ko: {
    entry: ({ reason, login, date, commentUrl, closedBy }) =>
      `⚪ **진행하지 않음.** 사유: ${reason}. ${login} 님이 ${date}에 위험을 수용했습니다 ([댓글](${commentUrl}))${
        closedBy ? `. 닫은 사람: ${closedBy}` : ""
      }.`,
    request: ({ closedBy, reopened }) =>
      [
        `${closedBy} 님, 이 후속 조치는 사유 없이 **계획 없음**으로 닫혔습니다. 후속 조치를 진행하지 않기로 하면 그 조치가 없애려던 위험을 그대로 안고 가게 되므로, 팀은 그 이유와 결정한 사람을 알아야 합니다.`,
        "",
        "이 저장소에 쓰기 권한이 있는 분이 `/not-doing <사유>` 댓글을 남겨 주세요. 예: `/not-doing 3분기에 서비스 종료 예정`. 사유와 작성자는 이 이슈에 기록되고 주간 보고서에 표시됩니다.",
        "",
        reopened
          ? "사유가 기록될 때까지 이슈를 다시 열어 두었습니다 (`validation.on_close: reopen`)."
          : "이슈는 닫힌 상태로 둡니다. 사유가 기록될 때까지 보고서에는 사유 없는 진행하지 않음으로 표시됩니다.",
      ].join("\n"),
    refused: ({ login }) =>
      `감사합니다, ${login} 님. 후속 조치를 진행하지 않는 위험은 이 저장소에 쓰기 권한이 있는 분만 수용할 수 있어 아무것도 기록하지 않았습니다. 관리자에게 \`/not-doing <사유>\` 댓글을 요청해 주세요.`,
    usage: ({ login }) =>
      `${login} 님, \`/not-doing\` 뒤에 사유를 적어 주세요. 예: \`/not-doing 3분기에 서비스 종료 예정\`.`,
  },
});
