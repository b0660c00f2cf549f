import {
  type CatalogCode,
  detail,
  type ProblemDetail,
  type ProblemParams,
} from "../../../src/text/catalog/index.js";

/**
 * Every code of the catalog, rendered in English and in Korean. Typed over the catalog: a code
 * without a case here does not compile. The English renderings are the messages the app printed
 * before the catalog existed (test/domain/postmortem/parse.test.ts and test/domain/config/load.test.ts assert
 * them in context).
 */
export const CASES: { [C in CatalogCode]: { params: ProblemParams[C]; en: string; ko: string } } = {
  "file-too-large": {
    params: { bytes: 1048593, limit: 1048576, unit: "bytes" },
    en: "file is 1048593 bytes; postmortems are limited to 1 MiB (1048576 bytes)",
    ko: "파일이 1048593바이트입니다. 포스트모템 파일은 1 MiB(1048576바이트)까지만 읽습니다",
  },
  "binary-file": {
    params: {},
    en: "file is binary, not a postmortem",
    ko: "바이너리 파일이라 포스트모템이 아닙니다",
  },
  "not-utf8": {
    params: {},
    en: "file is not valid UTF-8 text",
    ko: "올바른 UTF-8 텍스트 파일이 아닙니다",
  },
  "unreadable-file": {
    params: { reason: "EACCES" },
    en: "cannot read the file (EACCES)",
    ko: "파일을 읽을 수 없습니다 (EACCES)",
  },
  "unreadable-at-head": {
    params: {},
    en: "cannot be read at the head commit (not a regular file)",
    ko: "헤드 커밋에서 읽을 수 없습니다 (일반 파일이 아님)",
  },
  "too-many-files": {
    params: { max: 100 },
    en: "not checked: a pull request is checked for at most 100 postmortems",
    ko: "검사하지 않음: 풀 리퀘스트 하나에서 포스트모템은 100개까지만 검사합니다",
  },
  "no-front-matter": {
    params: {},
    en: "no YAML front matter: not a postmortem, skipped",
    ko: "YAML 프런트 매터가 없어 포스트모템이 아닌 파일로 보고 건너뜁니다",
  },
  "identity-ambiguous": {
    params: { candidates: [12, 14] },
    en: "this edited item could be #12 or #14: a new issue is created (pin its id with {#id} to choose)",
    ko: "수정된 항목이 #12, #14 중 어느 이슈인지 알 수 없어 새 이슈를 만듭니다 ({#id}로 ID를 고정하면 고를 수 있습니다)",
  },
  "markdown-no-evidence": {
    params: {},
    en: "no evidence named for this item (add a Validation or Evidence column, or an `Evidence:` line): its issue will say so and ask for proof at close",
    ko: "이 항목에는 검증 근거가 없습니다 (검증 열이나 `검증:` 줄을 추가하세요). 이슈에 그렇게 적고 닫을 때 근거를 요청합니다",
  },
  "identity-joined": {
    params: { number: 12, kind: "title" },
    en: "edited item still tracks #12 (similar title): no new issue",
    ko: "수정된 항목이 계속 #12를 추적합니다 (비슷한 제목). 새 이슈를 만들지 않습니다",
  },
  "identity-too-many": {
    params: {},
    en: "too many edited items to match by title: only shared tracking links keep their issues (pin ids with {#id})",
    ko: "수정된 항목이 너무 많아 제목으로 맞춰 보지 않았습니다. 같은 추적 링크가 있는 항목만 기존 이슈를 이어 갑니다 ({#id}로 ID를 고정하세요)",
  },
  "unterminated-front-matter": {
    params: {},
    en: 'front matter starts with "---" but never ends (add a closing "---" line)',
    ko: '프런트 매터가 "---"로 시작하지만 끝나지 않습니다 (닫는 "---" 줄을 추가하세요)',
  },
  "not-a-mapping": {
    params: {},
    en: "expected a mapping of postmortem keys (title, date, followups, ...)",
    ko: "포스트모템의 키(title, date, followups, ...)로 된 매핑이어야 합니다",
  },
  "yaml-too-deep": {
    params: { max: 64 },
    en: "YAML nested deeper than 64 levels; the file is refused",
    ko: "YAML이 64단계보다 깊게 중첩되어 파일을 거부합니다",
  },
  "yaml-too-many-nodes": {
    params: { max: 20000 },
    en: "YAML has more than 20000 nodes (keys, values and list items); the file is refused",
    ko: "YAML 노드(키, 값, 목록 항목)가 20000개를 넘어 파일을 거부합니다",
  },
  "yaml-syntax": {
    params: { detail: "Map keys must be unique", hint: { kind: "duplicate-key", key: "date" } },
    en: 'YAML syntax: Map keys must be unique: "date" appears twice',
    ko: 'YAML 문법 오류: 매핑의 키는 한 번씩만 쓸 수 있습니다: "date" 키가 두 번 나옵니다',
  },
  "yaml-warning": {
    params: { detail: "Unresolved tag: !secret" },
    en: "YAML: Unresolved tag: !secret",
    ko: "YAML: 알 수 없는 태그입니다: !secret",
  },
  "yaml-aliases": {
    params: { max: 1000 },
    en: "YAML aliases expand beyond 1000 nodes; the file is refused",
    ko: "YAML 별칭(alias)이 노드 1000개를 넘게 펼쳐져 파일을 거부합니다",
  },
  "yaml-unreadable": {
    params: { detail: "Excessive alias count" },
    en: "YAML could not be read: Excessive alias count",
    ko: "YAML을 읽을 수 없습니다: Excessive alias count",
  },
  "unknown-key": {
    params: { key: "sumary", suggestion: "summary" },
    en: 'unknown key "sumary"; did you mean "summary"?',
    ko: '"sumary"는 알 수 없는 키입니다; "summary"를 말씀하신 건가요?',
  },
  "invalid-key": {
    params: { key: "System", reason: { code: "bad-category-key", params: {} } },
    en: 'invalid key "System": category keys are lowercase',
    ko: '키 "System"이 올바르지 않습니다: 분류 키는 소문자로 씁니다',
  },
  "missing-key": {
    params: { key: "title" },
    en: 'missing required key "title"',
    ko: '필수 키 "title"이 없습니다',
  },
  "wrong-type": {
    params: { expected: "array", got: { kind: "text", text: "alice" } },
    en: 'expected a list, got the text "alice"',
    ko: '목록이어야 합니다 (지금은 텍스트 "alice")',
  },
  "not-allowed": {
    params: { value: '"mon"', expected: ["monday", "tuesday"], suggestion: "monday" },
    en: '"mon" is not allowed (expected one of monday, tuesday); did you mean "monday"?',
    ko: '"mon"은 쓸 수 없는 값입니다 (가능한 값: monday, tuesday); "monday"를 말씀하신 건가요?',
  },
  "too-many-entries": {
    params: { max: 20 },
    en: "too many entries (at most 20)",
    ko: "항목이 너무 많습니다 (최대 20개)",
  },
  "too-long": {
    params: { max: 256 },
    en: "too long (at most 256 characters)",
    ko: "너무 깁니다 (최대 256자)",
  },
  "too-big": {
    params: { max: "23" },
    en: "must be at most 23",
    ko: "23 이하여야 합니다",
  },
  "too-few-entries": {
    params: { min: 1 },
    en: "needs at least 1 entry",
    ko: "항목이 1개 이상 있어야 합니다",
  },
  "empty-text": {
    params: {},
    en: "cannot be empty",
    ko: "비워 둘 수 없습니다",
  },
  "too-short": {
    params: { min: 3 },
    en: "too short (at least 3 characters)",
    ko: "너무 짧습니다 (최소 3자)",
  },
  "too-small": {
    params: { min: "1" },
    en: "must be at least 1",
    ko: "1 이상이어야 합니다",
  },
  "bad-format": {
    params: { value: '"x"' },
    en: '"x" has the wrong format',
    ko: '"x"의 형식이 올바르지 않습니다',
  },
  invalid: {
    params: { detail: "Invalid input" },
    en: "Invalid input",
    ko: "올바르지 않은 값입니다: Invalid input",
  },
  "not-a-date": {
    params: { value: '"next week"' },
    en: '"next week" is not a date (expected YYYY-MM-DD)',
    ko: '"next week"는 날짜가 아닙니다 (YYYY-MM-DD 형식으로 쓰세요)',
  },
  "no-such-month": {
    params: { value: '"2026-13-01"', month: "13" },
    en: '"2026-13-01" is not a date: there is no month 13',
    ko: '"2026-13-01"은 날짜가 아닙니다: 13월은 없습니다',
  },
  "no-such-day": {
    params: { value: '"2026-02-30"', year: 2026, month: 2, days: 28 },
    en: '"2026-02-30" is not a date: February 2026 has 28 days',
    ko: '"2026-02-30"은 날짜가 아닙니다: 2026년 2월은 28일까지 있습니다',
  },
  "date-format": {
    params: { value: '"2026-3-5"', fixed: "2026-03-05" },
    en: '"2026-3-5" is not a date in the form YYYY-MM-DD: write 2026-03-05',
    ko: '"2026-3-5"는 YYYY-MM-DD 형식의 날짜가 아닙니다: 2026-03-05처럼 쓰세요',
  },
  "not-a-datetime": {
    params: { value: '"yesterday at noon"' },
    en: '"yesterday at noon" is not a date or time (expected ISO 8601, e.g. 2026-03-12T10:02:00+09:00)',
    ko: '"yesterday at noon"은 날짜나 시각이 아닙니다 (ISO 8601 형식으로 쓰세요. 예: 2026-03-12T10:02:00+09:00)',
  },
  "not-a-time-zone": {
    params: { value: '"Mars/Olympus_Mons"' },
    en: '"Mars/Olympus_Mons" is not an IANA time zone (e.g. UTC, Asia/Seoul)',
    ko: '"Mars/Olympus_Mons"는 IANA 시간대가 아닙니다 (예: UTC, Asia/Seoul)',
  },
  "bad-colour": {
    params: {},
    en: "must be a 6-digit hex colour such as 1d76db",
    ko: "1d76db처럼 16진수 6자리 색상이어야 합니다",
  },
  "bad-category-key": {
    params: {},
    en: "category keys are lowercase",
    ko: "분류 키는 소문자로 씁니다",
  },
  "bad-repository-name": {
    params: {},
    en: "must be a repository as owner/name, such as acme/api",
    ko: "acme/api처럼 owner/name 형식의 저장소여야 합니다",
  },
  "bad-host-name": {
    params: {},
    en: "must be a host name without scheme, port or path, such as grafana.internal",
    ko: "grafana.internal처럼 스킴, 포트, 경로 없는 호스트 이름이어야 합니다",
  },
  "bad-ticket-key": {
    params: {},
    en: "must be a project key in capitals, such as JIRA or OPS",
    ko: "JIRA나 OPS처럼 대문자로 쓴 프로젝트 키여야 합니다",
  },
  "bad-ticket-url": {
    params: {},
    en: "must be an https URL containing {ticket}, such as https://jira.example.com/browse/{ticket}",
    ko: "https://jira.example.com/browse/{ticket}처럼 {ticket}이 들어간 https URL이어야 합니다",
  },
  "bad-id-format": {
    params: {},
    en: "must be lowercase letters, digits and dashes, starting with a letter or digit",
    ko: "소문자, 숫자, 대시(-)만 쓸 수 있고 문자나 숫자로 시작해야 합니다",
  },
  "bad-owner-format": {
    params: {},
    en: "must be a GitHub login or org/team",
    ko: "GitHub 로그인이나 org/team이어야 합니다",
  },
  "recurrence-foreign-repository": {
    params: { repository: "other/api", owner: "acme" },
    en: "other/api is not a repository of acme: recurrence reads only repositories of the same owner and app installation",
    ko: "other/api: acme의 저장소가 아닙니다. 재발은 같은 소유자, 같은 앱 설치의 저장소만 읽습니다",
  },
  "routing-rule-no-matcher": {
    params: {},
    en: "a routing rule needs at least one of `category`, `term`, `owner`, `path` or `codeowner` (a rule without one would take every follow-up)",
    ko: "라우팅 규칙에는 `category`, `term`, `owner`, `path`, `codeowner` 중 하나 이상이 있어야 합니다 (하나도 없으면 모든 후속 조치가 이 규칙에 걸립니다)",
  },
  "routing-foreign-repository": {
    params: { repository: "other/payments", owner: "acme" },
    en: "other/payments is not a repository of acme: follow-ups go only to repositories of the same owner and app installation",
    ko: "other/payments: acme의 저장소가 아닙니다. 후속 조치는 같은 소유자, 같은 앱 설치의 저장소로만 보낼 수 있습니다",
  },
  "route-not-installed": {
    params: { repository: "acme/payments", home: "acme/incidents" },
    en: "the app is not installed on acme/payments: this follow-up's issue stays in acme/incidents until it is",
    ko: "앱이 acme/payments에 설치되어 있지 않습니다: 설치될 때까지 이 후속 조치의 이슈는 acme/incidents에 남습니다",
  },
  "route-unavailable": {
    params: { repository: "acme/payments", home: "acme/incidents" },
    en: "acme/payments cannot be written from here (a token for acme/incidents only): this follow-up's issue stays in acme/incidents",
    ko: "여기서는 acme/payments에 쓸 수 없습니다(acme/incidents만 쓸 수 있는 토큰): 이 후속 조치의 이슈는 acme/incidents에 남습니다",
  },
  "unknown-severity": {
    params: { value: "SEV9", expected: ["SEV1", "SEV2"] },
    en: '"SEV9" is not a severity (expected one of SEV1, SEV2)',
    ko: '"SEV9"는 심각도가 아닙니다 (가능한 값: SEV1, SEV2)',
  },
  "no-root-cause": {
    params: {},
    en: "no root_cause: add the 5 Whys or a fishbone so the follow-ups can be traced to causes",
    ko: "root_cause가 없습니다: 후속 조치를 원인까지 추적할 수 있도록 5 Whys나 피시본 다이어그램을 적으세요",
  },
  "duplicate-id": {
    params: { id: "scale-consumers", line: 8, first: "followups.short_term[0]" },
    en: 'duplicate id "scale-consumers" (first used at line 8, followups.short_term[0])',
    ko: 'id "scale-consumers"가 중복됩니다 (처음 쓴 곳: 8번째 줄, followups.short_term[0])',
  },
  "too-many-followups": {
    params: { count: 201, max: 200 },
    en: "201 follow-ups; at most 200 per postmortem (split the file, or group small items)",
    ko: "후속 조치가 201건입니다. 포스트모템 하나에 200건까지 쓸 수 있습니다 (파일을 나누거나 작은 항목을 묶으세요)",
  },
  "no-followups": {
    params: {},
    en: "no follow-ups under short_term or long_term",
    ko: "short_term이나 long_term 아래에 후속 조치가 없습니다",
  },
  "bad-id": {
    params: { id: "Jitter_TTL", suggestion: "jitter-ttl" },
    en: '"Jitter_TTL" is not a valid id: use lowercase letters, digits and dashes, starting with a letter or digit; did you mean "jitter-ttl"?',
    ko: '"Jitter_TTL"은 올바른 id가 아닙니다: 소문자, 숫자, 대시(-)만 쓰고 문자나 숫자로 시작하세요; "jitter-ttl"을 말씀하신 건가요?',
  },
  "unknown-category": {
    params: { value: "sytem", expected: ["system", "process"], suggestion: "system" },
    en: '"sytem" is not a category (expected one of system, process); did you mean "system"?',
    ko: '"sytem"은 분류가 아닙니다 (가능한 값: system, process); "system"을 말씀하신 건가요?',
  },
  "bad-owner": {
    params: { owner: "김민수" },
    en: '"김민수" is not a GitHub login or org/team: write the GitHub login (e.g. alice) or org/team',
    ko: '"김민수"는 GitHub 로그인이나 org/team이 아닙니다: GitHub 로그인(예: alice)이나 org/team을 쓰세요',
  },
  "several-owners": {
    params: { owner: "alice, bob" },
    en: '"alice, bob" is not a GitHub login or org/team: a follow-up has one owner (split it into one follow-up per owner, or name a team)',
    ko: '"alice, bob"은 GitHub 로그인이나 org/team이 아닙니다: 후속 조치의 담당자는 한 명입니다 (담당자마다 후속 조치를 나누거나 팀을 쓰세요)',
  },
  "owner-is-email": {
    params: { owner: "alice@example.com" },
    en: '"alice@example.com" is not a GitHub login or org/team: write the GitHub login, not an e-mail address',
    ko: '"alice@example.com"은 GitHub 로그인이나 org/team이 아닙니다: 이메일 주소가 아니라 GitHub 로그인을 쓰세요',
  },
  "no-owner": {
    params: {},
    en: "no owner: a follow-up nobody owns is rarely done",
    ko: "담당자(owner)가 없습니다: 담당자가 없는 후속 조치는 끝나지 않기 쉽습니다",
  },
  "no-description": {
    params: {},
    en: "no description: say what done looks like",
    ko: "설명(description)이 없습니다: 무엇이 되면 완료인지 적으세요",
  },
  "due-before-merge": {
    params: { due: "2026-03-01", merged: "2026-03-20" },
    en: "due date 2026-03-01 is before the merge (2026-03-20): the follow-up will be overdue as soon as its issue is created",
    ko: "기한 2026-03-01이 병합일 2026-03-20보다 앞서, 이슈가 만들어지는 순간부터 기한이 지난 상태가 됩니다",
  },
  "due-before-incident": {
    params: { due: "2026-03-01", incident: "2026-03-20" },
    en: "due date 2026-03-01 is before the incident date 2026-03-20",
    ko: "기한 2026-03-01이 장애 날짜 2026-03-20보다 앞섭니다",
  },
  "markdown-no-section": {
    params: { headings: ["Summary", "Impact", "Timeline"] },
    en: 'no follow-up section (e.g. "## Action Items"); headings: Summary, Impact, Timeline',
    ko: '후속 조치 섹션(예: "## 재발 방지 계획")이 없습니다. 이 파일의 제목: Summary, Impact, Timeline',
  },
  "markdown-no-items": {
    params: { section: "Action Items" },
    en: 'no items found in "Action Items": write each follow-up as a list item, a task ("- [ ] ...") or a table row',
    ko: '"Action Items"에서 항목을 찾지 못했습니다: 후속 조치를 목록 항목, 할 일("- [ ] ...") 또는 표의 행으로 쓰세요',
  },
  "markdown-no-date": {
    params: {},
    en: 'no incident date: add a "Date: YYYY-MM-DD" line, a `date` front-matter key or a YYYY-MM-DD file-name prefix',
    ko: '장애 날짜가 없습니다: "날짜: YYYY-MM-DD" 줄, 프런트 매터의 `date` 키 또는 YYYY-MM-DD로 시작하는 파일 이름을 쓰세요',
  },
  "markdown-record-no-time": {
    params: { section: "Timeline" },
    en: 'no time in this row of "Timeline": start it with a time such as 14:05 or 2026-03-02 14:05 (it is left out of the response figures)',
    ko: '"Timeline"의 이 행에는 시각이 없습니다: 14:05나 2026-03-02 14:05 같은 시각으로 시작하세요 (대응 지표 계산에서 빠집니다)',
  },
  "markdown-bad-repository": {
    params: { value: "payments" },
    en: 'repository "payments" is not owner/name (such as acme/payments): the follow-up stays in the postmortem\'s repository',
    ko: '저장소 "payments"는 acme/payments 같은 owner/name 형식이 아니어서 후속 조치가 포스트모템의 저장소에 남습니다',
  },
  "markdown-unknown-owner": {
    params: { owner: "SRE" },
    en: 'owner "SRE" is not a GitHub login: kept as text (map it to a login or org/team under `owners:` in the config)',
    ko: '담당자 "SRE"는 GitHub 로그인이 아니어서 텍스트로 남깁니다 (설정의 `owners:`에서 로그인이나 org/team에 연결하세요)',
  },
  "missing-validation": {
    params: {},
    en: "missing validation: name at least one test, pull request, dashboard or runbook that proves the fix works",
    ko: "검증 방법(validation)이 없습니다: 해결책의 효과를 확인할 테스트, 풀 리퀘스트, 대시보드, 런북 중 하나 이상을 적으세요",
  },
  "empty-validation": {
    params: {},
    en: "validation is empty: name at least one test, pull request, dashboard or runbook that proves the fix works",
    ko: "검증 방법(validation)이 비어 있습니다: 해결책의 효과를 확인할 테스트, 풀 리퀘스트, 대시보드, 런북 중 하나 이상을 적으세요",
  },
  "validation-commented-out": {
    params: { quoted: '"#123"' },
    en: 'validation is empty: in YAML an unquoted # starts a comment, so write "#123" in quotes',
    ko: '검증 방법(validation)이 비어 있습니다: YAML에서는 따옴표 없는 #부터 주석이므로 "#123"처럼 따옴표로 감싸세요',
  },
  "empty-entry-commented-out": {
    params: { quoted: '"#45"' },
    en: 'empty entry: in YAML an unquoted # starts a comment, so write "#45" in quotes',
    ko: '빈 항목입니다: YAML에서는 따옴표 없는 #부터 주석이므로 "#45"처럼 따옴표로 감싸세요',
  },
  "validation-not-a-list": {
    params: { value: "test/deps.test.ts" },
    en: 'expected a list, got the text "test/deps.test.ts": write validation: ["test/deps.test.ts"], or each entry on its own "- " line below',
    ko: '목록이어야 합니다 (지금은 텍스트 "test/deps.test.ts"): validation: ["test/deps.test.ts"]처럼 쓰거나, 아래에 항목마다 "- " 줄을 쓰세요',
  },
  "validation-text-not-evidence": {
    params: { value: "장애 주입 훈련으로 확인" },
    en: '"장애 주입 훈련으로 확인" is not evidence: validation lists what proves the fix works — a test or file in this repository, a pull request or issue ("#123"), or an https link (dashboard, runbook, CI job). Describe the check itself in description, and link its record here',
    ko: '"장애 주입 훈련으로 확인"은 증거가 아닙니다: validation에는 해결책이 효과가 있음을 보여 주는 것을 적습니다. 이 저장소의 테스트나 파일, 풀 리퀘스트나 이슈("#123"), https 링크(대시보드, 런북, CI 작업) 중 하나입니다. 확인 방법 자체는 description에 쓰고, 그 기록의 링크를 여기에 적으세요',
  },
  "bad-evidence": {
    params: { text: "the on-call checked it" },
    en: '"the on-call checked it" is neither an https URL, a repository path, nor a pull request or issue like "#123"',
    ko: '"the on-call checked it"은 https URL도, 저장소 경로도, "#123" 같은 풀 리퀘스트나 이슈도 아닙니다',
  },
  "evidence-web-address": {
    params: { text: "grafana.example.com/d/x" },
    en: '"grafana.example.com/d/x" looks like a web address without https://: write https://grafana.example.com/d/x (a file of this repository: ./grafana.example.com/d/x)',
    ko: '"grafana.example.com/d/x"는 https:// 없는 웹 주소로 보입니다: https://grafana.example.com/d/x처럼 쓰세요 (이 저장소의 파일이라면 ./grafana.example.com/d/x)',
  },
  "evidence-absolute-path": {
    params: { text: "/etc/ssl/renew.sh" },
    en: '"/etc/ssl/renew.sh" is an absolute path; write the path relative to the repository root',
    ko: '"/etc/ssl/renew.sh"는 절대 경로입니다. 저장소 루트를 기준으로 한 상대 경로로 쓰세요',
  },
  "evidence-outside-repo": {
    params: { text: "../other-repo/test.ts" },
    en: '"../other-repo/test.ts" leaves the repository ("..")',
    ko: '"../other-repo/test.ts"는 저장소 밖을 가리킵니다 ("..")',
  },
  "evidence-repository-root": {
    params: { text: "./" },
    en: '"./" is the whole repository, which proves nothing: name the test, file or directory that shows the fix works',
    ko: '"./": 저장소 전체를 가리키므로 증거가 되지 않습니다. 해결책이 동작함을 보여 주는 테스트, 파일 또는 디렉터리를 쓰세요',
  },
  "evidence-fragment": {
    params: { text: "docs/runbooks/db.md#failover", path: "docs/runbooks/db.md" },
    en: '"docs/runbooks/db.md#failover": a repository path cannot point into the file; write docs/runbooks/db.md, or the https link to the line on GitHub',
    ko: '"docs/runbooks/db.md#failover": 저장소 경로로는 파일 안의 위치를 가리킬 수 없습니다. docs/runbooks/db.md처럼 쓰거나, GitHub에서 그 줄을 가리키는 https 링크를 쓰세요',
  },
  "evidence-several-references": {
    params: { text: "#12 and #13", references: ["#12", "#13"] },
    en: '"#12 and #13" names 2 references: write each (#12, #13) as its own entry',
    ko: '"#12 and #13"에 참조가 2개 있습니다: 각각(#12, #13)을 별도 항목으로 쓰세요',
  },
  "evidence-reference-with-text": {
    params: { text: "PR #12", reference: "#12" },
    en: '"PR #12": write "#12" alone (one reference per entry; explain it in the description)',
    ko: '"PR #12": "#12"만 쓰세요 (항목 하나에 참조 하나, 설명은 description에 쓰세요)',
  },
  "evidence-bad-url": {
    params: { text: "https://exa mple.com" },
    en: '"https://exa mple.com" is not a valid URL',
    ko: '"https://exa mple.com"은 올바른 URL이 아닙니다',
  },
  "evidence-not-https": {
    params: { text: "http://grafana.example.com/d/certs", host: "grafana.example.com" },
    en: '"http://grafana.example.com/d/certs" must use https (or list grafana.example.com in the config\'s validation.http_hosts)',
    ko: '"http://grafana.example.com/d/certs": https 주소여야 합니다 (또는 grafana.example.com 호스트를 설정의 validation.http_hosts에 추가하세요)',
  },
  "evidence-unknown-ticket": {
    params: { text: "JIRA-123", key: "JIRA" },
    en: '"JIRA-123" looks like a ticket: to accept JIRA tickets, add { key: JIRA, url: "https://…/{ticket}" } to the config\'s validation.tickets',
    ko: '"JIRA-123"은 티켓 번호로 보입니다: JIRA 티켓을 증거로 받으려면 설정의 validation.tickets에 { key: JIRA, url: "https://…/{ticket}" }를 추가하세요',
  },
  "evidence-credentials": {
    params: {},
    en: "a URL must not carry credentials",
    ko: "URL에 자격 증명을 넣으면 안 됩니다",
  },
  "config-too-large": {
    params: { bytes: 300000, max: 262144 },
    en: "the config file is 300000 bytes; at most 262144 are read",
    ko: "설정 파일이 300000바이트입니다. 설정 파일은 262144바이트까지만 읽습니다",
  },
  "config-unreadable": {
    params: { detail: "end of the stream or a document separator is expected" },
    en: "end of the stream or a document separator is expected",
    ko: "설정 파일을 읽을 수 없습니다: end of the stream or a document separator is expected",
  },
  "glob-too-many-wildcards": {
    params: { count: 11, max: 3 },
    en: 'this glob has 11 wildcards; at most 3 are allowed (each *, **, ?, [...] and each {...} alternative after the first counts). Only Markdown and YAML files are postmortems anyway, so "postmortems/**" is usually enough',
    ko: '이 글롭에는 와일드카드가 11개 있습니다. 글롭 하나에 3개까지 쓸 수 있습니다 (*, **, ?, [...]를 하나씩 세고, {...}는 첫 번째 뒤의 선택지를 하나씩 셉니다). 포스트모템은 어차피 마크다운과 YAML 파일만 읽으므로 보통 "postmortems/**"로 충분합니다',
  },
  "glob-too-many-stars": {
    params: { count: 3, max: 2 },
    en: "this glob has 3 stars (*) between two slashes; at most 2 are allowed in one path segment",
    ko: "이 글롭에는 두 슬래시(/) 사이에 별표(*)가 3개 있습니다. 경로의 한 구간에는 2개까지 쓸 수 있습니다",
  },
  "glob-extglob": {
    params: { text: "+(*a)" },
    en: "extglobs such as +(*a) are not supported (matching them can take minutes): write alternatives as {a,b}",
    ko: "+(*a) 같은 확장 글롭(extglob)은 지원하지 않습니다 (일치 여부를 확인하는 데 몇 분이 걸릴 수 있습니다). 선택지는 {a,b}처럼 쓰세요",
  },
  "extends-malformed": {
    params: { value: "../x" },
    en: '_extends: "../x" does not name a repository: write repo, owner/repo or owner/repo:path.yml',
    ko: '_extends 값 "../x": 저장소를 가리키는 값이 아닙니다. repo, owner/repo, owner/repo:path.yml 형식으로 쓰세요',
  },
  "extends-not-found": {
    params: { target: "acme/base:.github/postmortem-followups.yml" },
    en: "_extends names acme/base:.github/postmortem-followups.yml, which cannot be read: GitHub answers 404 (no such repository or file, or the app is not installed on it). No issue or label is created until this is fixed",
    ko: "_extends가 가리키는 acme/base:.github/postmortem-followups.yml 설정을 읽을 수 없습니다: GitHub가 404로 답했습니다 (저장소나 파일이 없거나, 앱이 그 저장소에 설치되어 있지 않습니다). 고칠 때까지 이슈도 레이블도 만들지 않습니다",
  },
  "extends-forbidden": {
    params: { target: "acme/base:.github/postmortem-followups.yml" },
    en: "_extends names acme/base:.github/postmortem-followups.yml, which the app may not read: GitHub answers 403. No issue or label is created until this is fixed",
    ko: "_extends가 가리키는 acme/base:.github/postmortem-followups.yml 설정을 앱이 읽을 권한이 없습니다: GitHub가 403으로 답했습니다. 고칠 때까지 이슈도 레이블도 만들지 않습니다",
  },
  "extends-invalid": {
    params: {
      target: "acme/base:.github/postmortem-followups.yml",
      detail: "weekly.hour: must be at most 23",
    },
    en: "_extends names acme/base:.github/postmortem-followups.yml, which is not a valid config: weekly.hour: must be at most 23. No issue or label is created until this is fixed",
    ko: "_extends가 가리키는 acme/base:.github/postmortem-followups.yml 설정이 올바르지 않습니다: weekly.hour: must be at most 23. 고칠 때까지 이슈도 레이블도 만들지 않습니다",
  },
};

/** The other renderings of codes whose parameters change the sentence. */
export const VARIANTS: [ProblemDetail, string, string][] = [
  [
    detail("file-too-large", { bytes: 5 * 1024 * 1024, limit: 1048576, unit: "MiB" }),
    "file is 5.0 MiB; postmortems are limited to 1 MiB",
    "파일이 5.0 MiB입니다. 포스트모템 파일은 1 MiB까지만 읽습니다",
  ],
  [detail("unknown-key", { key: "foo" }), 'unknown key "foo"', '"foo"는 알 수 없는 키입니다'],
  [
    detail("wrong-type", {
      expected: "string",
      got: { kind: "other", type: "number", json: "0" },
      quote: { text: "000000", as: "number" },
    }),
    'expected a string, got number 0 (YAML reads 000000 as a number: write "000000" in quotes)',
    '텍스트여야 합니다 (지금은 숫자 0) (YAML은 000000을 숫자로 읽습니다: "000000"처럼 따옴표로 감싸세요)',
  ],
  [
    detail("wrong-type", { expected: "number", got: { kind: "text", text: "14" }, unquoted: "14" }),
    'expected a number, got the text "14" (write 14 without quotes)',
    '숫자여야 합니다 (지금은 텍스트 "14") (따옴표 없이 쓰세요: 14)',
  ],
  [
    detail("wrong-type", { expected: "object", got: { kind: "list" } }),
    "expected a mapping, got a list",
    "매핑이어야 합니다 (지금은 목록)",
  ],
  [
    detail("wrong-type", { expected: "string", got: { kind: "empty" } }),
    "expected a string, got empty",
    "텍스트여야 합니다 (지금은 빈 값)",
  ],
  [
    detail("wrong-type", { expected: "boolean", got: { kind: "mapping" } }),
    "expected a boolean, got a mapping",
    "불리언이어야 합니다 (지금은 매핑)",
  ],
  [detail("too-few-entries", { min: 2 }), "needs at least 2 entries", "항목이 2개 이상 있어야 합니다"],
  [
    detail("not-allowed", { value: "1", expected: ["P0", "P1", "P2", "P3"] }),
    "1 is not allowed (expected one of P0, P1, P2, P3)",
    "1은 쓸 수 없는 값입니다 (가능한 값: P0, P1, P2, P3)",
  ],
  [
    detail("bad-id", { id: "세션-정리" }),
    '"세션-정리" is not a valid id: use lowercase letters, digits and dashes, starting with a letter or digit (the id is a key that never changes; the title can be in any language)',
    '"세션-정리"는 올바른 id가 아닙니다: 소문자, 숫자, 대시(-)만 쓰고 문자나 숫자로 시작하세요 (id는 바뀌지 않는 키입니다. 제목은 어떤 언어로 써도 됩니다)',
  ],
  [
    detail("unknown-category", { value: "culture", expected: ["system", "process"] }),
    '"culture" is not a category (expected one of system, process)',
    '"culture"는 분류가 아닙니다 (가능한 값: system, process)',
  ],
  [
    detail("yaml-syntax", {
      detail: "Nested mappings are not allowed in compact mappings",
      hint: { kind: "quote-value" },
    }),
    'YAML syntax: Nested mappings are not allowed in compact mappings (a value that contains ": " must be in quotes)',
    'YAML 문법 오류: 한 줄로 쓴 매핑 안에 다른 매핑을 넣을 수 없습니다 (": "가 들어간 값은 따옴표로 감싸야 합니다)',
  ],
  [
    detail("yaml-syntax", { detail: "Tabs are not allowed as indentation", hint: { kind: "tabs" } }),
    "YAML syntax: Tabs are not allowed as indentation (indent with spaces)",
    "YAML 문법 오류: 들여쓰기에 탭을 쓸 수 없습니다 (공백으로 들여 쓰세요)",
  ],
  [
    detail("yaml-syntax", { detail: "Missing closing 'quote", hint: { kind: "unclosed-quote" } }),
    "YAML syntax: Missing closing 'quote (the quote that starts here is never closed)",
    "YAML 문법 오류: 닫는 따옴표(')가 없습니다 (여기서 연 따옴표가 닫히지 않았습니다)",
  ],
  [
    detail("yaml-syntax", {
      detail: "All mapping items must start at the same column",
      hint: { kind: "indentation", key: "validation" },
    }),
    'YAML syntax: All mapping items must start at the same column (check the indentation of "validation": the keys of one mapping must line up, with spaces)',
    'YAML 문법 오류: 매핑의 키가 모두 같은 열에서 시작하지 않습니다 ("validation"의 들여쓰기를 확인하세요: 한 매핑의 키는 공백으로 같은 열에 맞춰야 합니다)',
  ],
  [
    detail("yaml-syntax", { detail: "Unexpected scalar at node end" }),
    "YAML syntax: Unexpected scalar at node end",
    "YAML 문법 오류: Unexpected scalar at node end",
  ],
];
