import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Option } from "commander";
import { CONFIG_FILE } from "../domain/config/load.js";
import { LANGUAGES, type Language } from "../domain/config/schema.js";
import { t } from "../text/catalog/index.js";
import { render } from "../text/templates.js";
import { type CliIO, type CommandModule, EXIT, println, UsageError } from "./context.js";

export interface InitOptions {
  language: Language;
  dir: string;
  force?: boolean;
}

/** The template's name: a leading `_` sorts it first and says "not a postmortem" at a glance. */
const TEMPLATE_NAME = "_TEMPLATE.md";

/** A folder for the postmortems: relative, inside the repository, no glob characters. */
const SAFE_DIR = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._\-/]+$/;

export const initCommand: CommandModule = (program, ctx) => {
  program
    .command("init")
    .description("write a template postmortem and a config to start from, in English or Korean")
    .addOption(
      new Option("--language <language>", "language of the template, the config and the app's output")
        .choices([...LANGUAGES])
        .default("en"),
    )
    .option("--dir <folder>", "folder of the postmortems, relative to the repository root", "postmortems")
    .option("--force", "overwrite the files when they exist")
    .addHelpText(
      "after",
      "\nExamples:\n  npx postmortem-followups init\n  npx postmortem-followups init --language ko --dir docs/postmortems\n\nNo environment needed (offline). Help is in English; what init prints follows --language.",
    )
    .action((opts: InitOptions) => {
      ctx.exitCode = runInit(ctx, opts);
    });
};

/**
 * Writes `<dir>/_TEMPLATE.md` and `.github/postmortem-followups.yml` (whose paths leave the template out),
 * keeping files that exist unless `--force`. Exit 0.
 */
export function runInit(io: CliIO, opts: InitOptions): number {
  const dir = opts.dir.replace(/\/+$/, "");
  if (!SAFE_DIR.test(dir)) {
    // In the language init was asked to write in, like the rest of what it prints.
    throw new UsageError(() => t(opts.language, "usage.init-dir", { dir: opts.dir }));
  }
  const lang = opts.language;
  const templatePath = `${dir}/${TEMPLATE_NAME}`;
  const data = { dir, templatePath };
  const files: [string, string][] = [
    [templatePath, render(opts.language, "init-postmortem", data)],
    [CONFIG_FILE, render(opts.language, "init-config", data)],
  ];
  for (const [file, content] of files) {
    const target = join(io.cwd, file);
    if (existsSync(target) && !opts.force) {
      println(io.stdout, t(lang, "cli.init.kept", { file }));
      if (file === CONFIG_FILE)
        println(
          io.stdout,
          t(lang, "cli.init.kept-config-hint", { config: CONFIG_FILE, glob: `!${templatePath}` }),
        );
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    println(io.stdout, t(lang, "cli.init.wrote", { file }));
  }
  println(
    io.stdout,
    t(lang, "cli.init.next", { template: templatePath, example: `${dir}/${io.today()}-short-name.md` }),
  );
  return EXIT.ok;
}
