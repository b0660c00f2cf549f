import { defineTopic } from "./define.js";

/**
 * Projects (v2) (`project:`, issue 17): the default names of the fields and of the status options
 * (a config may name its own), and the problems a run reports about the project. Parameters are
 * safe Markdown (the caller puts names in code spans).
 */
interface ProjectParams {
  "field.status": string;
  "field.due": string;
  "field.severity": string;
  "field.category": string;
  "field.term": string;
  "field.postmortem": string;
  "status.open": string;
  "status.overdue": string;
  "status.done_validated": string;
  "status.done_unvalidated": string;
  "status.not_doing": string;
  /** Fields the project lacks while `create_fields` is false. */
  "missing-fields": { project: string; names: string };
  /** Values a single-select field has no option for. */
  "missing-options": { project: string; options: string };
  /** The GitHub Action with the workflow's token: it can never write a project. */
  "github-token": { project: string };
  /** The project cannot be read or written with this token. */
  "no-access": { project: string; detail: string };
}

export const project = defineTopic<ProjectParams>({
  en: {
    "field.status": "Status",
    "field.due": "Due",
    "field.severity": "Severity",
    "field.category": "Category",
    "field.term": "Term",
    "field.postmortem": "Postmortem",
    "status.open": "Open",
    "status.overdue": "Overdue",
    "status.done_validated": "Done and validated",
    "status.done_unvalidated": "Done, not validated",
    "status.not_doing": "Not doing",
    "missing-fields": ({ project, names }) =>
      `project ${project} has no field ${names}: add it, or set \`project.create_fields: true\` to let the app create it`,
    "missing-options": ({ project, options }) =>
      `project ${project}: a single-select field has no option ${options}: add the option to the field`,
    "github-token": ({ project }) =>
      `project ${project} is not kept in step: the workflow's \`GITHUB_TOKEN\` cannot write Projects; pass a personal access token (scope \`project\`) or a GitHub App token (\`organization_projects: write\`) as the action's \`token\` input, with \`bot-login\``,
    "no-access": ({ project, detail }) =>
      `cannot use project ${project} (${detail}): the GitHub App needs the \`organization_projects: write\` permission (a user account's project needs a user's token); in the GitHub Action, \`GITHUB_TOKEN\` cannot write projects: pass a personal access token or an app token as the action's \`token\` input`,
  },
  ko: {
    "field.status": "상태",
    "field.due": "기한",
    "field.severity": "심각도",
    "field.category": "분류",
    "field.term": "기간",
    "field.postmortem": "포스트모템",
    "status.open": "진행 중",
    "status.overdue": "기한 초과",
    "status.done_validated": "완료·검증됨",
    "status.done_unvalidated": "완료·검증 안 됨",
    "status.not_doing": "진행하지 않음",
    "missing-fields": ({ project, names }) =>
      `프로젝트 ${project}에 없는 필드: ${names}. 필드를 추가하거나, \`project.create_fields: true\`로 설정하면 앱이 만듭니다`,
    "missing-options": ({ project, options }) =>
      `프로젝트 ${project}: 단일 선택 필드에 없는 옵션: ${options}. 필드에 옵션을 추가하세요`,
    "github-token": ({ project }) =>
      `프로젝트 ${project} 갱신 안 함: 워크플로의 \`GITHUB_TOKEN\`으로는 프로젝트에 쓸 수 없으니 개인 액세스 토큰(\`project\` 범위)이나 GitHub 앱 토큰(\`organization_projects: write\`)을 \`bot-login\`과 함께 액션의 \`token\` 입력으로 넘기세요`,
    "no-access": ({ project, detail }) =>
      `프로젝트 ${project}에 접근할 수 없습니다 (${detail}). GitHub 앱에는 \`organization_projects: write\` 권한이 필요합니다(사용자 계정의 프로젝트에는 사용자 토큰이 필요합니다). GitHub 액션에서는 \`GITHUB_TOKEN\`으로 프로젝트에 쓸 수 없으니 개인 액세스 토큰이나 앱 토큰을 \`token\` 입력으로 넘기세요`,
  },
});
