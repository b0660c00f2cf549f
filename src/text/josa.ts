import { josa as hangulJosa } from "es-hangul";

/**
 * Korean particles after a value that is only known at render time (`"paths"를`, `000000을`,
 * `2026-13-01은`): the one place Korean text chooses 은/는, 을/를, 이/가, 와/과, 으로/로, so no message
 * hedges with `은(는)`.
 *
 * The particle follows how a Korean reader pronounces the end of the word:
 * - Quotes, backticks, brackets and punctuation at the end are skipped (`"path"` reads as `path`), and a
 *   Markdown link is read by its text (`[#12](https://…)` as `#12`).
 * - A Hangul ending: es-hangul decides (받침, and ㄹ for 으로/로).
 * - A digit ending is read in Sino-Korean: 0 as 영 (alone) or 십/백/천/만 (after other digits), 1 일,
 *   2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구. So `000000을`, `2026-13-01은`, `P1로`, `#12는`.
 * - A Latin ending: an acronym or a single letter (all capitals: `P`, `URL`, `HTTP`) is read letter by
 *   letter, and only L, M, N, R (엘, 엠, 엔, 알) end in a consonant. A word is read as an English loanword:
 *   it ends in a consonant when it ends in m, n, ng or l, or in me, ne, le (`team`→팀, `validation`→…션,
 *   `title`→타이틀, `time`→타임), or in p, b, t, k or ck after one vowel letter (`lab`→랩, `bot`→봇,
 *   `it`→잇, `slack`→슬랙); any other ending is read with a vowel (`paths`→패스, `owner`→오너,
 *   `test`→테스트, `tag`→태그, `high`→하이). l, le and R end in ㄹ, which takes 로, not 으로.
 * - `%` is read 퍼센트 (`50%는`).
 * - Anything else (an empty word, only symbols) is treated like es-hangul treats it: no final consonant.
 *
 * es-hangul alone treats every non-Hangul ending as vowel-final (`000000를`), which a reader hears as
 * wrong: that is why the ending is first mapped to a Hangul syllable with the same final sound.
 */
export type Josa = "은/는" | "을/를" | "이/가" | "와/과" | "으로/로" | "이라는/라는" | "이라고/라고";

/** Three stand-in syllables: no final consonant, a final consonant, a final ㄹ. */
const VOWEL = "가";
const CONSONANT = "강";
const RIEUL = "갈";

const DIGIT: Record<string, string> = {
  "0": "영",
  "1": "일",
  "2": "이",
  "3": "삼",
  "4": "사",
  "5": "오",
  "6": "육",
  "7": "칠",
  "8": "팔",
  "9": "구",
};

const TRAILING = /[\s"'`’”)\]}>.,;:!?*_~-]+$/u;
const HANGUL = /[\uac00-\ud7a3]$/u;

/** A Hangul syllable whose final sound is the word's final sound. */
function ending(word: string): string {
  // A Markdown link is read by its text: `[#12](https://…)` as `#12`.
  const w = word.replace(/\]\([^)]*\)$/, "").replace(TRAILING, "");
  if (HANGUL.test(w)) return w.at(-1)!;
  if (w.endsWith("%")) return VOWEL; // 퍼센트
  const digits = /(\d+)$/.exec(w)?.[1];
  if (digits) {
    const last = digits.at(-1)!;
    // 영 alone; 십, 백, 천, 만 after other digits: all end in a consonant.
    return last === "0" ? CONSONANT : DIGIT[last]!;
  }
  const letters = /([A-Za-z]+)$/.exec(w)?.[1];
  if (letters) {
    if (letters.length === 1 || letters === letters.toUpperCase()) {
      const last = letters.at(-1)!.toUpperCase();
      return last === "L" || last === "R" ? RIEUL : last === "M" || last === "N" ? CONSONANT : VOWEL;
    }
    const lower = letters.toLowerCase();
    if (/(l|le)$/.test(lower)) return RIEUL;
    if (/(m|n|me|ne)$/.test(lower)) return CONSONANT;
    // p, b, t, k after one short vowel: 랩, 잡, 봇, 슬랙 (and `check` as 첵, a rare miss).
    if (/(^|[^aeiou])[aeiou](p|b|t|k|ck)$/.test(lower)) return CONSONANT;
    return VOWEL;
  }
  return VOWEL;
}

/** The particle alone, for `word` (`particle("paths", "을/를")` is `를`). */
export function particle(word: string, option: Josa): string {
  const [withConsonant, withVowel] = option.split("/") as [string, string];
  const syllable = ending(word);
  if (option === "이라는/라는" || option === "이라고/라고") {
    return hangulJosa.pick(syllable, "이/가") === "이" ? withConsonant : withVowel;
  }
  return hangulJosa.pick(syllable, option);
}

/** `word` followed by its particle: `josa('"path"', "은/는")` is `"path"는`. */
export function josa(word: string, option: Josa): string {
  return `${word}${particle(word, option)}`;
}
