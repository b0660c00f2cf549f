/**
 * The one English plural of the app's text: `1 file`, `2 files`, `3 pull requests` (`many` for an
 * irregular one: `2 replies`). Korean text counts without it (`파일 2개`).
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
