/**
 * The command reference of docs/cli.md, generated from the same definitions as `--help`, so the
 * two cannot drift (test/cli-docs.test.ts fails when the committed file is stale).
 */
import {
  type CommandDef,
  type GroupDef,
  listCommands,
  optionLabel,
  optionText,
  usageLine,
} from "./command.js";
import { ENVIRONMENT } from "./environment.js";
import { EXIT_CODES } from "./errors.js";
import { GLOBAL_OPTIONS } from "./globals.js";
import { ROOT } from "./table.js";

/** Markers around the generated part of docs/cli.md. */
export const BEGIN =
  "<!-- BEGIN GENERATED REFERENCE (UPDATE_CLI_DOCS=1 npx vitest run test/cli-docs.test.ts) -->";
export const END = "<!-- END GENERATED REFERENCE -->";

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

function commandSection(node: CommandDef, path: readonly string[]): string {
  const lines = [
    `### \`${path.join(" ")}\``,
    "",
    (node.description ?? node.summary).replaceAll("\n", " "),
    "",
  ];
  lines.push("```", usageLine(node, path), "```", "");
  if (node.args && node.args.length > 0) {
    lines.push("| Argument | Meaning |", "|---|---|");
    for (const arg of node.args) {
      lines.push(
        `| \`${arg.name.toUpperCase()}\`${arg.optional ? " (optional)" : ""} | ${cell(arg.description)} |`,
      );
    }
    lines.push("");
  }
  const options = Object.entries(node.options ?? {});
  if (options.length > 0) {
    lines.push("| Option | Meaning |", "|---|---|");
    for (const [name, spec] of options) {
      lines.push(`| \`${optionLabel(name, spec)}\` | ${cell(optionText(spec))} |`);
    }
    lines.push("");
  }
  if (node.endpoints && node.endpoints.length > 0) {
    lines.push(`Reaches: ${node.endpoints.map((endpoint) => `\`${endpoint}\``).join(", ")}.`, "");
  }
  if (node.examples && node.examples.length > 0) {
    lines.push("```sh", ...node.examples, "```", "");
  }
  return lines.join("\n");
}

/** The generated reference: global options, every command, exit codes and environment. */
export async function renderReference(root: GroupDef = ROOT): Promise<string> {
  const entries = await listCommands(root);
  const lines = [BEGIN, "", "## Global options", "", "Accepted before or after the command name.", ""];
  lines.push("| Option | Meaning |", "|---|---|");
  for (const [name, spec] of Object.entries(GLOBAL_OPTIONS)) {
    lines.push(`| \`${optionLabel(name, spec)}\` | ${cell(optionText(spec))} |`);
  }
  lines.push("", "## Commands", "", "| Command | Summary |", "|---|---|");
  const leaves = entries.filter(
    (entry): entry is { path: string[]; node: CommandDef } => entry.node.kind === "command",
  );
  for (const { path, node } of leaves) {
    lines.push(`| [\`${path.join(" ")}\`](#${path.join("-")}) | ${cell(node.summary)} |`);
  }
  lines.push("");
  for (const { path, node } of leaves) lines.push(commandSection(node, path));
  lines.push("## Exit codes", "", "| Code | Meaning |", "|---|---|");
  for (const [code, meaning] of EXIT_CODES) lines.push(`| ${code} | ${cell(meaning)} |`);
  lines.push("", "## Environment", "", "| Variable | Meaning |", "|---|---|");
  for (const [name, meaning] of ENVIRONMENT) lines.push(`| \`${name}\` | ${cell(meaning)} |`);
  lines.push("", END);
  return lines.join("\n") + "\n";
}

/** Replaces the generated part of a document (or appends it when the markers are missing). */
export function replaceReference(document: string, reference: string): string {
  const start = document.indexOf(BEGIN);
  const end = document.indexOf(END);
  if (start < 0 || end < 0) return `${document.trimEnd()}\n\n${reference}`;
  return document.slice(0, start) + reference.trimEnd() + document.slice(end + END.length);
}
