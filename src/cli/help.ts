/** Help text and usage lines, generated from the command definitions (also for docs/cli.md). */
import { type CommandDef, type GroupDef, type OptionSpec, summaryOf } from "./command.js";

const PROGRAM = "renault-api";

/** The option label used in help and docs, e.g. `--at WHEN`. */
export function optionLabel(name: string, spec: OptionSpec): string {
  const names = [`--${name}`, ...(spec.aliases ?? []).map((alias) => `--${alias}`)];
  if (spec.short) names.unshift(`-${spec.short}`);
  const valueName = spec.valueName ?? (spec.type === "integer" ? "N" : name.toUpperCase());
  const value =
    spec.type === "boolean" ? "" : spec.bareValue === undefined ? ` ${valueName}` : ` [${valueName}]`;
  return names.join(", ") + value;
}

/** The description of an option with its choices, default and "required" marks. */
export function optionText(spec: OptionSpec): string {
  const notes: string[] = [];
  if (spec.choices) notes.push(`one of: ${spec.choices.join(", ")}`);
  if (spec.default !== undefined && spec.type !== "boolean") notes.push(`default: ${String(spec.default)}`);
  if (spec.required) notes.push("required");
  if (spec.prompt) notes.push(`prompted as "${spec.prompt}" when missing`);
  return notes.length > 0 ? `${spec.description} (${notes.join("; ")})` : spec.description;
}

function columns(rows: readonly (readonly [string, string])[], indent = 2): string {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows
    .map(([left, right]) => `${" ".repeat(indent)}${left.padEnd(width)}  ${right}`.trimEnd())
    .join("\n");
}

/** The usage line of a command, e.g. `renault-api charge schedule set [options] ID`. */
export function usageLine(node: CommandDef | GroupDef, path: readonly string[]): string {
  const name = [PROGRAM, ...path].join(" ");
  if (node.kind === "group") return `${name} <command> [options]`;
  const args = (node.args ?? []).map((arg) =>
    arg.optional ? `[${arg.name.toUpperCase()}]` : arg.name.toUpperCase(),
  );
  return [name, "[options]", ...args].join(" ");
}

/** Help text of a command or group, generated from its definition. */
export function renderHelp(
  node: CommandDef | GroupDef,
  path: readonly string[],
  globals: Readonly<Record<string, OptionSpec>>,
): string {
  const parts = [`Usage: ${usageLine(node, path)}`, "", node.description ?? node.summary];
  if (node.kind === "group") {
    parts.push(
      "",
      "Commands:",
      columns(Object.entries(node.commands).map(([name, entry]) => [name, summaryOf(entry)])),
    );
  } else {
    if (node.args && node.args.length > 0) {
      parts.push(
        "",
        "Arguments:",
        columns(node.args.map((arg) => [arg.name.toUpperCase(), arg.description])),
      );
    }
    const options = Object.entries(node.options ?? {});
    if (options.length > 0) {
      parts.push(
        "",
        "Options:",
        columns(options.map(([name, spec]) => [optionLabel(name, spec), optionText(spec)])),
      );
    }
    if (node.examples && node.examples.length > 0) {
      parts.push("", "Examples:", ...node.examples.map((example) => `  ${example}`));
    }
  }
  if (path.length > 0) {
    // The global options are listed once, on the top-level help (issue 15.6).
    parts.push("", "Global options (--json, --account, --vin, --debug…): see `renault-api --help`.");
    return parts.join("\n") + "\n";
  }
  parts.push("", "Options:");
  parts.push(
    columns(Object.entries(globals).map(([name, spec]) => [optionLabel(name, spec), optionText(spec)])),
  );
  return parts.join("\n") + "\n";
}
