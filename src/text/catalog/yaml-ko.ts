import { josa } from "../josa.js";

/**
 * The yaml library's messages (English) in Korean: the ones people meet in front matter. Any
 * other message is kept as the library wrote it.
 */

const FLOW_KO: Record<string, { open: string; close: string }> = {
  map: { open: "{", close: "}" },
  sequence: { open: "[", close: "]" },
};

const YAML_KO: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /^All mapping items must start at the same column$/,
    () => "매핑의 키가 모두 같은 열에서 시작하지 않습니다",
  ],
  [
    /^All sequence items must start at the same column$/,
    () => "목록의 항목이 모두 같은 열에서 시작하지 않습니다",
  ],
  [/^Sequence item without - indicator$/, () => "목록 항목에 - 표시가 없습니다"],
  [/^Missing closing (["'])quote$/, (m) => `닫는 따옴표(${m[1]})가 없습니다`],
  [/^Map keys must be unique$/, () => "매핑의 키는 한 번씩만 쓸 수 있습니다"],
  [/^Tabs are not allowed as indentation$/, () => "들여쓰기에 탭을 쓸 수 없습니다"],
  [
    /^Nested mappings are not allowed in compact mappings$/,
    () => "한 줄로 쓴 매핑 안에 다른 매핑을 넣을 수 없습니다",
  ],
  [/^Implicit keys need to be on a single line$/, () => "키는 한 줄 안에 있어야 합니다"],
  [/^Implicit map keys need to be followed by map values$/, () => "키 뒤에는 콜론(:)과 값이 와야 합니다"],
  [/^A block sequence may not be used as an implicit map key$/, () => "목록을 키로 쓸 수 없습니다"],
  [
    /^Comments must be separated from other tokens by white space characters$/,
    () => "주석(#) 앞에는 공백이 있어야 합니다",
  ],
  [
    /^Block scalar values in collections must be indented$/,
    () => "목록이나 매핑 안의 여러 줄 값은 들여 써야 합니다",
  ],
  [
    /^Missing , or : between flow (map|sequence) items$/,
    (m) => `${FLOW_KO[m[1]!]!.open} ${FLOW_KO[m[1]!]!.close} 안의 항목 사이에 쉼표(,)나 콜론(:)이 빠졌습니다`,
  ],
  [
    /^Missing , between flow (map|sequence) items$/,
    (m) => `${FLOW_KO[m[1]!]!.open} ${FLOW_KO[m[1]!]!.close} 안의 항목 사이에 쉼표(,)가 빠졌습니다`,
  ],
  [
    /^Flow (map|sequence) must end with a [\]}]$/,
    (m) =>
      `${josa(`"${FLOW_KO[m[1]!]!.open}"`, "으로/로")} 연 부분을 ${josa(`"${FLOW_KO[m[1]!]!.close}"`, "으로/로")} 닫아야 합니다`,
  ],
  [
    /^Flow (map|sequence) in block collection must be sufficiently indented and end with a [\]}]$/,
    (m) =>
      `${josa(`"${FLOW_KO[m[1]!]!.open}"`, "으로/로")} 연 부분은 충분히 들여 쓰고 ${josa(`"${FLOW_KO[m[1]!]!.close}"`, "으로/로")} 닫아야 합니다`,
  ],
  [
    /^Plain value cannot start with (.+)$/,
    (m) => `따옴표 없는 값은 ${josa(badStartKo(m[1]!), "으로/로")} 시작할 수 없습니다`,
  ],
  [/^Unresolved tag: (.+)$/, (m) => `알 수 없는 태그입니다: ${m[1]}`],
];

/** The character a plain value cannot start with, as the yaml package names it ("reserved character @"). */
function badStartKo(what: string): string {
  const named: [RegExp, string][] = [
    [/^reserved character (.)$/, "예약 문자"],
    [/^block scalar indicator (.)$/, "블록 스칼라 표시"],
    [/^flow indicator character (.)$/, "흐름 표시 문자"],
    [/^directive indicator character (.)$/, "지시자 표시 문자"],
  ];
  for (const [pattern, name] of named) {
    const m = pattern.exec(what);
    if (m) return `${name} ${m[1]}`;
  }
  return what === "a tab character" ? "탭 문자" : what;
}

export function yamlDetailKo(detail: string): string {
  for (const [pattern, translate] of YAML_KO) {
    const m = pattern.exec(detail);
    if (m) return translate(m);
  }
  return detail;
}
