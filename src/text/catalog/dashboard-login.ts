import { defineTopic } from "./define.js";

/**
 * What the dashboard's GitHub login (src/app/dashboard-login.ts) answers a person in the browser
 * when it does not show the dashboard, in the language their browser asks for first.
 */

interface DashboardLoginParams {
  "state-refused": string;
  cancelled: string;
  "code-refused": string;
  unreachable: string;
  "no-installation": { login: string; account: string };
  "some-repositories": { login: string; account: string; seen: number; total: number };
  "signed-out": string;
}

export const dashboardLogin = defineTopic<DashboardLoginParams>({
  en: {
    "state-refused":
      "This sign-in link has expired or was not started by this server. Sign in again at /dashboard/login.",
    cancelled: "Sign-in was cancelled on GitHub. Sign in again at /dashboard/login.",
    "code-refused": "GitHub refused the sign-in code (used or expired). Sign in again at /dashboard/login.",
    unreachable: "GitHub could not be asked who you are. Try again in a minute.",
    "no-installation": ({ login, account }) =>
      `@${login} cannot access the app's installation on ${account}, so the dashboard is not shown.`,
    "some-repositories": ({ login, account, seen, total }) =>
      `@${login} can see ${seen} of the ${total} repositories of the app's installation on ${account}. ` +
      "The dashboard lists all of them, so it is shown only to people who can see every one.",
    "signed-out": "Signed out of the dashboard.",
  },
  ko: {
    "state-refused":
      "로그인 링크가 만료되었거나 이 서버에서 시작되지 않았습니다. /dashboard/login에서 다시 로그인하세요.",
    cancelled: "GitHub에서 로그인을 취소했습니다. /dashboard/login에서 다시 로그인하세요.",
    "code-refused":
      "GitHub가 로그인 코드를 거부했습니다(이미 썼거나 만료됨). /dashboard/login에서 다시 로그인하세요.",
    unreachable: "GitHub에 사용자 정보를 묻지 못했습니다. 잠시 후 다시 시도하세요.",
    "no-installation": ({ login, account }) =>
      `@${login} 계정은 ${account}의 앱 설치에 접근할 수 없어 대시보드를 보여 주지 않습니다.`,
    "some-repositories": ({ login, account, seen, total }) =>
      `@${login} 계정은 ${account}에 설치된 앱의 저장소 ${total}개 중 ${seen}개만 볼 수 있습니다. ` +
      "대시보드는 모든 저장소를 보여 주므로 모든 저장소를 볼 수 있는 사람에게만 열립니다.",
    "signed-out": "대시보드에서 로그아웃했습니다.",
  },
});
