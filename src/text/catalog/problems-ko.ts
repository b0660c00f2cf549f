import { josa } from "../josa.js";
import type { Messages } from "./define.js";
import type { ProblemDetail, ProblemParams, ValueShape, YamlHint } from "./problem-params.js";
import { yamlDetailKo } from "./yaml-ko.js";

/**
 * The problems in Korean. Values, keys and paths from the user's file stay verbatim; Korean
 * follows the words of the templates in templates/ko (포스트모템, 후속 조치, 분류, 담당자, 기한, 검증
 * 방법) and chooses the particle after a value from the way it is read (`josa` in src/text/josa.ts):
 * `"paths"를`, `000000을`, never a hedge.
 */

const list = (values: readonly string[]) => values.join(", ");

function shapeKo(shape: ValueShape): string {
  switch (shape.kind) {
    case "empty":
      return "빈 값";
    case "list":
      return "목록";
    case "mapping":
      return "매핑";
    case "text":
      return `텍스트 ${JSON.stringify(shape.text)}`;
    case "other":
      return `${TYPE_KO[shape.type] ?? shape.type} ${shape.json}`;
  }
}

/** JavaScript and zod type names as a Korean reader knows them. */
const TYPE_KO: Record<string, string> = {
  string: "텍스트",
  number: "숫자",
  int: "정수",
  bigint: "정수",
  boolean: "불리언",
  array: "목록",
  object: "매핑",
  date: "날짜",
};

/** "목록이어야", "텍스트여야": the copula after a type name, by its last syllable. */
function mustBeKo(expected: string): string {
  const word = TYPE_KO[expected];
  if (!word) return `${expected} 값이어야`;
  const last = word.charCodeAt(word.length - 1);
  const batchim = last >= 0xac00 && last <= 0xd7a3 && (last - 0xac00) % 28 !== 0;
  return `${word}${batchim ? "이어야" : "여야"}`;
}

function yamlHintKo(hint: YamlHint | undefined): string {
  switch (hint?.kind) {
    case undefined:
      return "";
    case "quote-value":
      return ' (": "가 들어간 값은 따옴표로 감싸야 합니다)';
    case "duplicate-key":
      return `: "${hint.key}" 키가 두 번 나옵니다`;
    case "tabs":
      return " (공백으로 들여 쓰세요)";
    case "unclosed-quote":
      return " (여기서 연 따옴표가 닫히지 않았습니다)";
    case "indentation":
      return ` ("${hint.key}"의 들여쓰기를 확인하세요: 한 매핑의 키는 공백으로 같은 열에 맞춰야 합니다)`;
    case "reserved-start":
      return hint.login
        ? `: ${hint.login} 또는 "${hint.value}"처럼 쓰세요`
        : `: "${hint.value}"처럼 따옴표로 감싸세요`;
  }
}

const EVIDENCE_KINDS_KO = "테스트, 풀 리퀘스트, 대시보드, 런북";

const NOTHING_WRITTEN_KO = "고칠 때까지 이슈도 레이블도 만들지 않습니다";

export const ko: Messages<ProblemParams> = {
  "file-too-large": ({ bytes, limit, unit }) =>
    unit === "MiB"
      ? `파일이 ${(bytes / 1024 / 1024).toFixed(1)} MiB입니다. 포스트모템 파일은 1 MiB까지만 읽습니다`
      : `파일이 ${bytes}바이트입니다. 포스트모템 파일은 1 MiB(${limit}바이트)까지만 읽습니다`,
  "binary-file": () => "바이너리 파일이라 포스트모템이 아닙니다",
  "not-utf8": () => "올바른 UTF-8 텍스트 파일이 아닙니다",
  "unreadable-file": ({ reason }) => `파일을 읽을 수 없습니다 (${reason})`,
  "unreadable-at-head": () => "헤드 커밋에서 읽을 수 없습니다 (일반 파일이 아님)",
  "too-many-files": ({ max }) => `검사하지 않음: 풀 리퀘스트 하나에서 포스트모템은 ${max}개까지만 검사합니다`,
  "no-front-matter": () => "YAML 프런트 매터가 없어 포스트모템이 아닌 파일로 보고 건너뜁니다",
  "unterminated-front-matter": () =>
    '프런트 매터가 "---"로 시작하지만 끝나지 않습니다 (닫는 "---" 줄을 추가하세요)',
  "not-a-mapping": () => "포스트모템의 키(title, date, followups, ...)로 된 매핑이어야 합니다",

  "yaml-too-deep": ({ max }) => `YAML이 ${max}단계보다 깊게 중첩되어 파일을 거부합니다`,
  "yaml-too-many-nodes": ({ max }) => `YAML 노드(키, 값, 목록 항목)가 ${max}개를 넘어 파일을 거부합니다`,
  "yaml-syntax": ({ detail, hint }) => `YAML 문법 오류: ${yamlDetailKo(detail)}${yamlHintKo(hint)}`,
  "yaml-warning": ({ detail }) => `YAML: ${yamlDetailKo(detail)}`,
  "yaml-aliases": ({ max }) => `YAML 별칭(alias)이 노드 ${max}개를 넘게 펼쳐져 파일을 거부합니다`,
  "yaml-unreadable": ({ detail }) => `YAML을 읽을 수 없습니다: ${detail}`,

  "unknown-key": ({ key, suggestion, expected }) =>
    `${josa(`"${key}"`, "은/는")} 알 수 없는 키입니다${expected ? ` (쓸 수 있는 키: ${list(expected)})` : ""}${suggestion ? `; ${josa(`"${suggestion}"`, "을/를")} 말씀하신 건가요?` : ""}`,
  "invalid-key": ({ key, reason }) =>
    `키 ${josa(`"${key}"`, "이/가")} 올바르지 않습니다: ${renderKo(reason)}`,
  "missing-key": ({ key }) => `필수 키 ${josa(`"${key}"`, "이/가")} 없습니다`,
  "wrong-type": ({ expected, got, unquoted, quote }) =>
    `${mustBeKo(expected)} 합니다 (지금은 ${shapeKo(got)})` +
    (unquoted !== undefined ? ` (따옴표 없이 쓰세요: ${unquoted})` : "") +
    (quote
      ? ` (YAML은 ${josa(quote.text, "을/를")} ${josa(TYPE_KO[quote.as] ?? quote.as, "으로/로")} 읽습니다: "${quote.text}"처럼 따옴표로 감싸세요)`
      : ""),
  "not-allowed": ({ value, expected, suggestion }) =>
    `${josa(value, "은/는")} 쓸 수 없는 값입니다 (가능한 값: ${list(expected)})${suggestion ? `; ${josa(`"${suggestion}"`, "을/를")} 말씀하신 건가요?` : ""}`,
  "too-many-entries": ({ max }) => `항목이 너무 많습니다 (최대 ${max}개)`,
  "too-long": ({ max }) => `너무 깁니다 (최대 ${max}자)`,
  "too-big": ({ max }) => `${max} 이하여야 합니다`,
  "too-few-entries": ({ min }) => `항목이 ${min}개 이상 있어야 합니다`,
  "empty-text": () => "비워 둘 수 없습니다",
  "too-short": ({ min }) => `너무 짧습니다 (최소 ${min}자)`,
  "too-small": ({ min }) => `${min} 이상이어야 합니다`,
  "bad-format": ({ value }) => `${value}의 형식이 올바르지 않습니다`,
  invalid: ({ detail }) => `올바르지 않은 값입니다: ${detail}`,
  "not-a-date": ({ value }) => `${josa(value, "은/는")} 날짜가 아닙니다 (YYYY-MM-DD 형식으로 쓰세요)`,
  "no-such-month": ({ value, month }) => `${josa(value, "은/는")} 날짜가 아닙니다: ${month}월은 없습니다`,
  "no-such-day": ({ value, year, month, days }) =>
    `${josa(value, "은/는")} 날짜가 아닙니다: ${year}년 ${month}월은 ${days}일까지 있습니다`,
  "date-format": ({ value, fixed }) =>
    `${josa(value, "은/는")} YYYY-MM-DD 형식의 날짜가 아닙니다: ${fixed}처럼 쓰세요`,
  "not-a-datetime": ({ value }) =>
    `${josa(value, "은/는")} 날짜나 시각이 아닙니다 (ISO 8601 형식으로 쓰세요. 예: 2026-03-12T10:02:00+09:00)`,
  "not-a-time-zone": ({ value }) => `${josa(value, "은/는")} IANA 시간대가 아닙니다 (예: UTC, Asia/Seoul)`,
  "bad-colour": () => "1d76db처럼 16진수 6자리 색상이어야 합니다",
  "bad-category-key": () => "분류 키는 소문자로 씁니다",
  "bad-repository-name": () => "acme/api처럼 owner/name 형식의 저장소여야 합니다",
  "bad-host-name": () => "grafana.internal처럼 스킴, 포트, 경로 없는 호스트 이름이어야 합니다",
  "bad-ticket-key": () => "JIRA나 OPS처럼 대문자로 쓴 프로젝트 키여야 합니다",
  "bad-ticket-url": () =>
    "https://jira.example.com/browse/{ticket}처럼 {ticket}이 들어간 https URL이어야 합니다",
  "bad-id-format": () => "소문자, 숫자, 대시(-)만 쓸 수 있고 문자나 숫자로 시작해야 합니다",
  "bad-owner-format": () => "GitHub 로그인이나 org/team이어야 합니다",
  "recurrence-foreign-repository": ({ repository, owner }) =>
    `${repository}: ${owner}의 저장소가 아닙니다. 재발은 같은 소유자, 같은 앱 설치의 저장소만 읽습니다`,
  "routing-rule-no-matcher": () =>
    "라우팅 규칙에는 `category`, `term`, `owner`, `path`, `codeowner` 중 하나 이상이 있어야 합니다 (하나도 없으면 모든 후속 조치가 이 규칙에 걸립니다)",
  "routing-foreign-repository": ({ repository, owner }) =>
    `${repository}: ${owner}의 저장소가 아닙니다. 후속 조치는 같은 소유자, 같은 앱 설치의 저장소로만 보낼 수 있습니다`,
  "route-not-installed": ({ repository, home }) =>
    `앱이 ${repository}에 설치되어 있지 않습니다: 설치될 때까지 이 후속 조치의 이슈는 ${home}에 남습니다`,
  "route-unavailable": ({ repository, home }) =>
    `여기서는 ${repository}에 쓸 수 없습니다(${home}만 쓸 수 있는 토큰): 이 후속 조치의 이슈는 ${home}에 남습니다`,

  "unknown-severity": ({ value, expected }) =>
    `${josa(`"${value}"`, "은/는")} 심각도가 아닙니다 (가능한 값: ${list(expected)})`,
  "no-root-cause": () =>
    "root_cause가 없습니다: 후속 조치를 원인까지 추적할 수 있도록 5 Whys나 피시본 다이어그램을 적으세요",
  "duplicate-id": ({ id, line, first }) =>
    `id ${josa(`"${id}"`, "이/가")} 중복됩니다 (처음 쓴 곳: ${line}번째 줄, ${first})`,
  "too-many-followups": ({ count, max }) =>
    `후속 조치가 ${count}건입니다. 포스트모템 하나에 ${max}건까지 쓸 수 있습니다 (파일을 나누거나 작은 항목을 묶으세요)`,
  "no-followups": () => "short_term이나 long_term 아래에 후속 조치가 없습니다",
  "bad-id": ({ id, suggestion }) =>
    `${josa(JSON.stringify(id), "은/는")} 올바른 id가 아닙니다: 소문자, 숫자, 대시(-)만 쓰고 문자나 숫자로 시작하세요` +
    (suggestion
      ? `; ${josa(`"${suggestion}"`, "을/를")} 말씀하신 건가요?`
      : " (id는 바뀌지 않는 키입니다. 제목은 어떤 언어로 써도 됩니다)"),
  "unknown-category": ({ value, expected, suggestion }) =>
    `${josa(`"${value}"`, "은/는")} 분류가 아닙니다 (가능한 값: ${list(expected)})${suggestion ? `; ${josa(`"${suggestion}"`, "을/를")} 말씀하신 건가요?` : ""}`,
  "bad-owner": ({ owner }) =>
    `${josa(JSON.stringify(owner), "은/는")} GitHub 로그인이나 org/team이 아닙니다: GitHub 로그인(예: alice)이나 org/team을 쓰세요`,
  "several-owners": ({ owner }) =>
    `${josa(JSON.stringify(owner), "은/는")} GitHub 로그인이나 org/team이 아닙니다: 후속 조치의 담당자는 한 명입니다 (담당자마다 후속 조치를 나누거나 팀을 쓰세요)`,
  "owner-is-email": ({ owner }) =>
    `${josa(JSON.stringify(owner), "은/는")} GitHub 로그인이나 org/team이 아닙니다: 이메일 주소가 아니라 GitHub 로그인을 쓰세요`,
  "no-owner": () => "담당자(owner)가 없습니다: 담당자가 없는 후속 조치는 끝나지 않기 쉽습니다",
  "no-description": () => "설명(description)이 없습니다: 무엇이 되면 완료인지 적으세요",
  "due-before-incident": ({ due, incident }) =>
    `기한 ${josa(due, "이/가")} 장애 날짜 ${incident}보다 앞섭니다`,
  "due-before-merge": ({ due, merged }) =>
    `기한 ${josa(due, "이/가")} 병합일 ${merged}보다 앞서, 이슈가 만들어지는 순간부터 기한이 지난 상태가 됩니다`,
  "identity-ambiguous": ({ candidates }) =>
    `수정된 항목이 ${candidates.map((n) => `#${n}`).join(", ")} 중 어느 이슈인지 알 수 없어 새 이슈를 만듭니다 ({#id}로 ID를 고정하면 고를 수 있습니다)`,
  "identity-joined": ({ number, kind: by }) =>
    `수정된 항목이 계속 ${josa(`#${number}`, "을/를")} 추적합니다 (${by === "tracking" ? "같은 추적 링크" : by === "title" ? "비슷한 제목" : "같은 위치, 비슷한 제목"}). 새 이슈를 만들지 않습니다`,
  "identity-too-many": () =>
    "수정된 항목이 너무 많아 제목으로 맞춰 보지 않았습니다. 같은 추적 링크가 있는 항목만 기존 이슈를 이어 갑니다 ({#id}로 ID를 고정하세요)",
  "markdown-no-evidence": () =>
    "이 항목에는 검증 근거가 없습니다 (검증 열이나 `검증:` 줄을 추가하세요). 이슈에 그렇게 적고 닫을 때 근거를 요청합니다",
  "markdown-no-section": ({ headings }) =>
    headings.length === 0
      ? '후속 조치 섹션(예: "## 재발 방지 계획")이 없습니다. 이 파일에는 제목이 하나도 없습니다'
      : `후속 조치 섹션(예: "## 재발 방지 계획")이 없습니다. 이 파일의 제목: ${headings.join(", ")}`,
  "markdown-no-items": ({ section }) =>
    `"${section}"에서 항목을 찾지 못했습니다: 후속 조치를 목록 항목, 할 일("- [ ] ...") 또는 표의 행으로 쓰세요`,
  "markdown-no-date": () =>
    '장애 날짜가 없습니다: "날짜: YYYY-MM-DD" 줄, 프런트 매터의 `date` 키 또는 YYYY-MM-DD로 시작하는 파일 이름을 쓰세요',
  "markdown-record-no-time": ({ section }) =>
    `"${section}"의 이 행에는 시각이 없습니다: 14:05나 2026-03-02 14:05 같은 시각으로 시작하세요 (대응 지표 계산에서 빠집니다)`,
  "markdown-unknown-owner": ({ owner }) =>
    `담당자 ${josa(`"${owner}"`, "은/는")} GitHub 로그인이 아니어서 텍스트로 남깁니다 (설정의 \`owners:\`에서 로그인이나 org/team에 연결하세요)`,
  "markdown-bad-repository": ({ value }) =>
    `저장소 ${josa(`"${value}"`, "은/는")} acme/payments 같은 owner/name 형식이 아니어서 후속 조치가 포스트모템의 저장소에 남습니다`,

  "missing-validation": () =>
    `검증 방법(validation)이 없습니다: 해결책의 효과를 확인할 ${EVIDENCE_KINDS_KO} 중 하나 이상을 적으세요`,
  "empty-validation": () =>
    `검증 방법(validation)이 비어 있습니다: 해결책의 효과를 확인할 ${EVIDENCE_KINDS_KO} 중 하나 이상을 적으세요`,
  "validation-commented-out": ({ quoted }) =>
    `검증 방법(validation)이 비어 있습니다: YAML에서는 따옴표 없는 #부터 주석이므로 ${quoted}처럼 따옴표로 감싸세요`,
  "empty-entry-commented-out": ({ quoted }) =>
    `빈 항목입니다: YAML에서는 따옴표 없는 #부터 주석이므로 ${quoted}처럼 따옴표로 감싸세요`,
  "validation-not-a-list": ({ value }) =>
    `목록이어야 합니다 (지금은 텍스트 ${JSON.stringify(value)}): validation: [${JSON.stringify(value)}]처럼 쓰거나, 아래에 항목마다 "- " 줄을 쓰세요`,
  "validation-text-not-evidence": ({ value }) =>
    `${josa(JSON.stringify(value), "은/는")} 증거가 아닙니다: validation에는 해결책이 효과가 있음을 보여 주는 것을 적습니다. 이 저장소의 테스트나 파일, 풀 리퀘스트나 이슈("#123"), https 링크(대시보드, 런북, CI 작업) 중 하나입니다. 확인 방법 자체는 description에 쓰고, 그 기록의 링크를 여기에 적으세요`,
  "bad-evidence": ({ text }) =>
    `${josa(`"${text}"`, "은/는")} https URL도, 저장소 경로도, "#123" 같은 풀 리퀘스트나 이슈도 아닙니다`,
  "evidence-web-address": ({ text }) =>
    `${josa(`"${text}"`, "은/는")} https:// 없는 웹 주소로 보입니다: https://${text}처럼 쓰세요 (이 저장소의 파일이라면 ./${text})`,
  "evidence-absolute-path": ({ text }) =>
    `${josa(`"${text}"`, "은/는")} 절대 경로입니다. 저장소 루트를 기준으로 한 상대 경로로 쓰세요`,
  "evidence-outside-repo": ({ text }) => `${josa(`"${text}"`, "은/는")} 저장소 밖을 가리킵니다 ("..")`,
  "evidence-repository-root": ({ text }) =>
    `"${text}": 저장소 전체를 가리키므로 증거가 되지 않습니다. 해결책이 동작함을 보여 주는 테스트, 파일 또는 디렉터리를 쓰세요`,
  "evidence-fragment": ({ text, path }) =>
    `"${text}": 저장소 경로로는 파일 안의 위치를 가리킬 수 없습니다. ${path}처럼 쓰거나, GitHub에서 그 줄을 가리키는 https 링크를 쓰세요`,
  "evidence-several-references": ({ text, references }) =>
    `"${text}"에 참조가 ${references.length}개 있습니다: 각각(${list(references)})을 별도 항목으로 쓰세요`,
  "evidence-reference-with-text": ({ text, reference }) =>
    `"${text}": "${reference}"만 쓰세요 (항목 하나에 참조 하나, 설명은 description에 쓰세요)`,
  "evidence-bad-url": ({ text }) => `${josa(`"${text}"`, "은/는")} 올바른 URL이 아닙니다`,
  "evidence-not-https": ({ text, host }) =>
    `"${text}": https 주소여야 합니다` +
    (host ? ` (또는 ${host} 호스트를 설정의 validation.http_hosts에 추가하세요)` : ""),
  "evidence-unknown-ticket": ({ text, key }) =>
    `${josa(`"${text}"`, "은/는")} 티켓 번호로 보입니다: ${key} 티켓을 증거로 받으려면 설정의 validation.tickets에 { key: ${key}, url: "https://…/{ticket}" }를 추가하세요`,
  "evidence-credentials": () => "URL에 자격 증명을 넣으면 안 됩니다",

  "config-too-large": ({ bytes, max }) =>
    `설정 파일이 ${bytes}바이트입니다. 설정 파일은 ${max}바이트까지만 읽습니다`,
  "config-unreadable": ({ detail }) => `설정 파일을 읽을 수 없습니다: ${detail}`,
  "glob-too-many-wildcards": ({ count, max }) =>
    `이 글롭에는 와일드카드가 ${count}개 있습니다. 글롭 하나에 ${max}개까지 쓸 수 있습니다 (*, **, ?, [...]를 하나씩 세고, {...}는 첫 번째 뒤의 선택지를 하나씩 셉니다). ` +
    '포스트모템은 어차피 마크다운과 YAML 파일만 읽으므로 보통 "postmortems/**"로 충분합니다',
  "glob-too-many-stars": ({ count, max }) =>
    `이 글롭에는 두 슬래시(/) 사이에 별표(*)가 ${count}개 있습니다. 경로의 한 구간에는 ${max}개까지 쓸 수 있습니다`,
  "glob-extglob": ({ text }) =>
    `${text} 같은 확장 글롭(extglob)은 지원하지 않습니다 (일치 여부를 확인하는 데 몇 분이 걸릴 수 있습니다). 선택지는 {a,b}처럼 쓰세요`,
  "extends-malformed": ({ value }) =>
    `_extends 값 ${JSON.stringify(value)}: 저장소를 가리키는 값이 아닙니다. repo, owner/repo, owner/repo:path.yml 형식으로 쓰세요`,
  "extends-not-found": ({ target }) =>
    `_extends가 가리키는 ${target} 설정을 읽을 수 없습니다: GitHub가 404로 답했습니다 (저장소나 파일이 없거나, 앱이 그 저장소에 설치되어 있지 않습니다). ${NOTHING_WRITTEN_KO}`,
  "extends-forbidden": ({ target }) =>
    `_extends가 가리키는 ${target} 설정을 앱이 읽을 권한이 없습니다: GitHub가 403으로 답했습니다. ${NOTHING_WRITTEN_KO}`,
  "extends-invalid": ({ target, detail }) =>
    `_extends가 가리키는 ${target} 설정이 올바르지 않습니다: ${detail}. ${NOTHING_WRITTEN_KO}`,
};

/** A nested problem (the reason of `invalid-key`), in Korean. */
function renderKo(problem: ProblemDetail): string {
  return (ko[problem.code] as (params: ProblemDetail["params"]) => string)(problem.params);
}
