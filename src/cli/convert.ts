import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Option } from "commander";
import { defaultConfig } from "../domain/config/load.js";
import { formatProblem } from "../domain/diagnostics/problem.js";
import { type FrontMatterNote, toFrontMatter } from "../domain/followups/front-matter-form.js";
import { pinIds } from "../domain/followups/pin-ids.js";
import { t } from "../text/catalog/index.js";
import type { Language } from "../text/language.js";
import { CONFIG_OPTION, loadCliConfig } from "./config.js";
import { type CliContext, type CommandModule, EXIT, println, UsageError } from "./context.js";

function note(language: Language, n: FrontMatterNote): string {
  switch (n.kind) {
    case "done-left-out":
      return t(language, "convert.note.done-left-out", { id: n.id });
    case "adoption-lost":
      return t(language, "convert.note.adoption-lost", { id: n.id, issue: n.detail ?? "" });
    case "no-validation":
      return t(language, "convert.note.no-validation", { id: n.id });
    case "owner-text":
      return t(language, "convert.note.owner-text", { id: n.id, owner: n.detail ?? "" });
  }
}

export const convertCommand: CommandModule = (program, ctx) => {
  program
    .command("convert")
    .description(
      "pin the ids of a plain Markdown postmortem ({#id} after each item's title), or write its precise front-matter form",
    )
    .argument("<file>", "the Markdown postmortem")
    .addOption(
      new Option(
        "--to <form>",
        "anchors: add {#id} anchors; front-matter: write YAML followups above the body",
      )
        .choices(["anchors", "front-matter"])
        .default("anchors"),
    )
    .option("--write", "rewrite the file in place (default: print the result)")
    .option(...CONFIG_OPTION)
    .addHelpText(
      "after",
      "\nExamples:\n  npx postmortem-followups convert postmortems/2026-03-12-payments.md --write\n  npx postmortem-followups convert postmortems/2026-03-12-payments.md --to front-matter --write\n\nNo environment needed (offline). Help is in English; its notes follow the config's language.",
    )
    .action(
      async (file: string, opts: { to: "anchors" | "front-matter"; write?: boolean; config?: string }) => {
        const loaded = await loadCliConfig(ctx, opts.config);
        const abs = resolve(ctx.cwd, file);
        const text = await readFile(abs, "utf8").catch(() => {
          throw new UsageError((l) => t(l, "usage.no-such-file", { file }));
        });
        if (opts.to === "front-matter")
          return frontMatter(ctx, file, abs, text, loaded.ok ? loaded.config : defaultConfig(), opts.write);
        const language = loaded.ok ? loaded.config.language : loaded.language;
        const result = pinIds(file, text, { language });
        if (opts.write) {
          if (result.pinned.length > 0) await writeFile(abs, result.text);
        } else ctx.stdout(result.text.endsWith("\n") ? result.text : `${result.text}\n`);
        for (const u of result.unpinned)
          println(
            ctx.stderr,
            `${file}:${u.line}: note: ${t(language, "plan.convert.unpinned", { id: u.id })}`,
          );
        const pinned = { count: result.pinned.length, written: opts.write === true };
        println(ctx.stderr, `${file}: ${t(language, "plan.convert.pinned", pinned)}`);
        ctx.exitCode = EXIT.ok;
      },
    );
};

async function frontMatter(
  ctx: CliContext,
  file: string,
  abs: string,
  text: string,
  config: Parameters<typeof toFrontMatter>[2],
  write: boolean | undefined,
): Promise<void> {
  const result = toFrontMatter(file, text, config);
  const language = config.language;
  if (!result.ok) {
    for (const p of result.problems) if (p.severity === "error") println(ctx.stderr, formatProblem(p));
    println(ctx.stderr, `${file}: ${t(language, `convert.why.${result.reason}`)}`);
    ctx.exitCode = result.reason === "already-front-matter" ? EXIT.ok : EXIT.problems;
    return;
  }
  if (write) await writeFile(abs, result.text);
  else ctx.stdout(result.text.endsWith("\n") ? result.text : `${result.text}\n`);
  for (const n of result.notes) println(ctx.stderr, `${file}:${n.line}: note: ${note(language, n)}`);
  const written = { count: result.followups, written: write === true };
  println(ctx.stderr, `${file}: ${t(language, "convert.written", written)}`);
  ctx.exitCode = EXIT.ok;
}
