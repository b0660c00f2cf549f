import { configJsonSchema } from "../domain/config/schema.js";
import { postmortemJsonSchema } from "../domain/postmortem/schema.js";
import { type CommandModule, EXIT } from "./context.js";

export type SchemaKind = "postmortem" | "config";

/** The JSON Schema as printed and as committed under schema/ (2-space JSON, final newline). */
export function schemaText(kind: SchemaKind): string {
  const schema = kind === "config" ? configJsonSchema() : postmortemJsonSchema();
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export const schemaCommand: CommandModule = (program, ctx) => {
  program
    .command("schema")
    .description("print the JSON Schema of the postmortem format (with --config: of the config file)")
    .option("--config", "print the config file's JSON Schema instead")
    .action((opts: { config?: boolean }) => {
      ctx.stdout(schemaText(opts.config ? "config" : "postmortem"));
      ctx.exitCode = EXIT.ok;
    });
};
