import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pinIds } from "../domain/followups/pin-ids.js";
import { t } from "../text/catalog/index.js";
import { CONFIG_OPTION, loadCliConfig } from "./config.js";
import { type CommandModule, EXIT, println, UsageError } from "./context.js";

export const convertCommand: CommandModule = (program, ctx) => {
  program
    .command("convert")
    .description("pin the ids of a plain Markdown postmortem: add a {#id} anchor after each item's title")
    .argument("<file>", "the Markdown postmortem")
    .option("--write", "rewrite the file in place (default: print the result)")
    .option(...CONFIG_OPTION)
    .addHelpText(
      "after",
      "\nExample:\n  npx postmortem-followups convert postmortems/2026-03-12-payments.md --write\n\nNo environment needed (offline). Help is in English; its notes follow the config's language.",
    )
    .action(async (file: string, opts: { write?: boolean; config?: string }) => {
      const loaded = await loadCliConfig(ctx, opts.config);
      const language = loaded.ok ? loaded.config.language : "en";
      const abs = resolve(ctx.cwd, file);
      const text = await readFile(abs, "utf8").catch(() => {
        throw new UsageError(`${file}: no such file`);
      });
      const result = pinIds(file, text, { language });
      if (opts.write) {
        if (result.pinned.length > 0) await writeFile(abs, result.text);
      } else ctx.stdout(result.text.endsWith("\n") ? result.text : `${result.text}\n`);
      for (const u of result.unpinned)
        println(ctx.stderr, `${file}:${u.line}: note: ${t(language, "plan.convert.unpinned", { id: u.id })}`);
      const pinned = { count: result.pinned.length, written: opts.write === true };
      println(ctx.stderr, `${file}: ${t(language, "plan.convert.pinned", pinned)}`);
      ctx.exitCode = EXIT.ok;
    });
};
