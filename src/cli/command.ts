/**
 * The CLI's command table: commands and groups are plain data (`defineCommand`, `defineGroup`),
 * parsed with `node:util` `parseArgs`. Help text and `docs/cli.md` are generated from the same data.
 * This module imports nothing from the library, so `--help` and `--version` stay cheap.
 */
import { parseArgs } from "node:util";
import type { Context } from "./context.js";
import { usageLine } from "./help.js";
import { AbortedError, ActionUnansweredError, UsageError } from "./usage.js";

// Help and reference rendering live in help.ts; re-exported for the entry point and docs.
export { optionLabel, optionText, renderHelp, usageLine } from "./help.js";

/** One `--option` of a command. */
export interface OptionSpec {
  /** `boolean` is a flag; `integer` is parsed and checked; `string` is passed as given. */
  readonly type: "string" | "boolean" | "integer";
  /** One line for the help and the reference. */
  readonly description: string;
  readonly short?: string;
  readonly default?: string | number | boolean;
  readonly required?: boolean;
  /** Accepted values (compared case-insensitively; the canonical spelling is passed on). */
  readonly choices?: readonly string[];
  /** Placeholder shown in the help, e.g. `DATE`. @default the upper-cased name */
  readonly valueName?: string;
  /** Other long names for the same option, e.g. `anonymise` for `pseudonymise`. */
  readonly aliases?: readonly string[];
  /** Prompted for when missing (documentation only; the command does the prompting). */
  readonly prompt?: string;
  /**
   * The option may be given without a value (`--wait` alone): this value is used then. A value
   * is taken from the next token only when it is a number (`--wait 60`) or joined (`--wait=60`).
   */
  readonly bareValue?: string;
}

/** One positional argument. */
export interface ArgSpec {
  readonly name: string;
  readonly description: string;
  readonly optional?: boolean;
}

type Scalar<S extends { readonly type: OptionSpec["type"] }> = S["type"] extends "boolean"
  ? boolean
  : S["type"] extends "integer"
    ? number
    : string;

/** The parsed value of each option: present when it has a default, is required or is a flag. */
export type OptionValues<O extends Readonly<Record<string, OptionSpec>>> = {
  readonly [K in keyof O]: O[K] extends { readonly required: true } | { readonly default: unknown }
    ? Scalar<O[K]>
    : O[K]["type"] extends "boolean"
      ? boolean
      : Scalar<O[K]> | undefined;
};

/** The parsed positional arguments, by name. */
export type ArgValues<A extends readonly ArgSpec[]> = {
  readonly [E in A[number] as E["name"]]: E extends { readonly optional: true } ? string | undefined : string;
};

/** What a command's `run` receives besides the context. */
export interface CommandInput<O extends Readonly<Record<string, OptionSpec>>, A extends readonly ArgSpec[]> {
  readonly options: OptionValues<O>;
  readonly args: ArgValues<A>;
}

/** A leaf command. */
export interface CommandDef<
  O extends Readonly<Record<string, OptionSpec>> = Readonly<Record<string, OptionSpec>>,
  A extends readonly ArgSpec[] = readonly ArgSpec[],
> {
  readonly kind: "command";
  readonly name: string;
  /** One line, shown in command lists. */
  readonly summary: string;
  /** Longer text for the command's own help and the reference. */
  readonly description?: string;
  readonly args?: A;
  readonly options?: O;
  /** The endpoints the command reaches (for the reference). */
  readonly endpoints?: readonly string[];
  readonly examples?: readonly string[];
  /** Does not need a logged-in session or even a locale (`reset`, `settings`, `simulator`…). */
  run(context: Context, input: CommandInput<O, A>): Promise<void>;
}

/** A group of subcommands (`charge`, `charge schedule`…). */
export interface GroupDef {
  readonly kind: "group";
  readonly name: string;
  readonly summary: string;
  readonly description?: string;
  readonly commands: Readonly<Record<string, Entry>>;
}

/** A command or group whose module is imported only when it is used. */
export interface LazyEntry {
  readonly kind: "lazy";
  readonly summary: string;
  load(): Promise<CommandDef | GroupDef>;
}

export type Entry = CommandDef | GroupDef | LazyEntry;

/** Declares a leaf command; the option and argument types flow into `run`. */
export function defineCommand<
  // eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- "no options" is meant
  const O extends Readonly<Record<string, OptionSpec>> = Record<never, OptionSpec>,
  const A extends readonly ArgSpec[] = readonly [],
>(definition: Omit<CommandDef<O, A>, "kind">): CommandDef<O, A> {
  return {
    kind: "command",
    ...definition,
    async run(context, input) {
      try {
        await definition.run(context, input);
      } catch (error) {
        // Ctrl-C while an action waits for its answer: the POST left, so the car may have acted.
        const action = context.tracer.pendingAction();
        if (action && isInterruption(error)) throw new ActionUnansweredError(action, { cause: error });
        throw error;
      }
    },
  };
}

function isInterruption(error: unknown): boolean {
  return error instanceof AbortedError || (error instanceof Error && error.name === "AbortError");
}

/** Declares a group of subcommands. */
export function defineGroup(definition: Omit<GroupDef, "kind">): GroupDef {
  return { kind: "group", ...definition };
}

/**
 * A command whose module is imported on first use:
 * `lazy("…", async () => (await import("./commands/charge.js")).charge)`.
 */
export function lazy(summary: string, load: () => Promise<CommandDef | GroupDef>): LazyEntry {
  return { kind: "lazy", summary, load };
}

/** Loads a lazy entry (no-op for loaded ones). */
export async function loadEntry(entry: Entry): Promise<CommandDef | GroupDef> {
  return entry.kind === "lazy" ? entry.load() : entry;
}

/** The summary of an entry without loading it. */
export function summaryOf(entry: Entry): string {
  return entry.summary;
}

/** Where the argument vector led: the command (or group) and the raw option tokens around it. */
export interface Resolved {
  /** Command names from the root, e.g. `["charge", "schedule", "set"]`. */
  readonly path: readonly string[];
  readonly node: CommandDef | GroupDef;
  /** Tokens that came before the leaf command (global options only). */
  readonly before: readonly string[];
  /** Tokens after the leaf command: its options, arguments and global options. */
  readonly after: readonly string[];
}

/**
 * Walks the argument vector down the command tree. Options met on the way are global options; a
 * value-taking global option (`--vin X`) swallows the next token.
 */
export async function resolveCommand(
  root: GroupDef,
  argv: readonly string[],
  globals: Readonly<Record<string, OptionSpec>>,
): Promise<Resolved> {
  const path: string[] = [];
  const before: string[] = [];
  let node: CommandDef | GroupDef = root;
  let index = 0;
  while (index < argv.length && node.kind === "group") {
    const token = argv[index] ?? "";
    if (token === "--") break;
    if (token.startsWith("-") && token !== "-") {
      before.push(token);
      const spec = globalSpec(globals, token);
      if (spec && spec.type !== "boolean" && !token.includes("=") && index + 1 < argv.length) {
        before.push(argv[index + 1] ?? "");
        index++;
      }
      index++;
      continue;
    }
    const child: Entry | undefined = Object.hasOwn(node.commands, token) ? node.commands[token] : undefined;
    if (!child) {
      throw new UsageError(
        `unknown command '${[...path, token].join(" ")}'${suggest(token, Object.keys(node.commands))}`,
        usageLine(node, path),
      );
    }
    node = await loadEntry(child);
    path.push(token);
    index++;
  }
  return { path, node, before, after: argv.slice(index) };
}

function globalSpec(globals: Readonly<Record<string, OptionSpec>>, token: string): OptionSpec | undefined {
  const name = token.replace(/^--?/, "").split("=")[0] ?? "";
  for (const [key, spec] of Object.entries(globals)) {
    if (key === name || spec.short === name || spec.aliases?.includes(name)) return spec;
  }
  return undefined;
}

function suggest(token: string, names: readonly string[]): string {
  const close = names.filter((name) => name.startsWith(token.slice(0, 2)) || distance(name, token) <= 2);
  return close.length > 0 ? ` (did you mean ${close.map((name) => `'${name}'`).join(" or ")}?)` : "";
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

type RawValues = Record<string, string | boolean | undefined>;

/** Parses option tokens against the given specs (strict: unknown options are usage errors). */
export function parseTokens(
  tokens: readonly string[],
  specs: Readonly<Record<string, OptionSpec>>,
  allowPositionals: boolean,
  usage: string,
): { values: RawValues; positionals: string[] } {
  const config: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  const aliasOf = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) {
    const type = spec.type === "boolean" ? "boolean" : "string";
    config[name] = spec.short === undefined ? { type } : { type, short: spec.short };
    for (const alias of spec.aliases ?? []) {
      config[alias] = { type };
      aliasOf.set(alias, name);
    }
  }
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs<{ options: typeof config; allowPositionals: boolean; strict: true; args: string[] }>({
      args: fillBareValues(joinNegativeValues(tokens, config), specs),
      options: config,
      allowPositionals,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error), usage);
  }
  const values: RawValues = {};
  for (const [name, value] of Object.entries(parsed.values)) values[aliasOf.get(name) ?? name] = value;
  return { values, positionals: parsed.positionals };
}

/**
 * `--temperature -5` → `--temperature=-5`: parseArgs takes a value starting with `-` for an option
 * ("argument is ambiguous"), but a negative number is always a value.
 */
function joinNegativeValues(
  tokens: readonly string[],
  config: Readonly<Record<string, { type: "string" | "boolean"; short?: string }>>,
): string[] {
  const takesValue = (token: string) =>
    token.startsWith("--") &&
    Object.hasOwn(config, token.slice(2)) &&
    config[token.slice(2)]?.type === "string";
  const result: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] ?? "";
    const next = tokens[index + 1];
    if (token === "--") {
      result.push(...tokens.slice(index));
      break;
    }
    if (next !== undefined && /^-\d/.test(next) && takesValue(token)) {
      result.push(`${token}=${next}`);
      index++;
    } else {
      result.push(token);
    }
  }
  return result;
}

/** `--wait` alone (or before another option) → `--wait=<bareValue>`. */
function fillBareValues(tokens: readonly string[], specs: Readonly<Record<string, OptionSpec>>): string[] {
  const bare = (token: string) =>
    token.startsWith("--") && Object.hasOwn(specs, token.slice(2))
      ? specs[token.slice(2)]?.bareValue
      : undefined;
  const result: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] ?? "";
    if (token === "--") {
      result.push(...tokens.slice(index));
      break;
    }
    const value = bare(token);
    const next = tokens[index + 1];
    if (value !== undefined && (next === undefined || !/^\d+(\.\d+)?$/.test(next)))
      result.push(`${token}=${value}`);
    else result.push(token);
  }
  return result;
}

function parseArgsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // parseArgs messages are long and mention "positional"; keep the first sentence, lower-cased.
  const first = message.split(/\.\s/)[0] ?? message;
  return first.replace(/^Unknown option/, "unknown option").replace(/^Option/, "option");
}

/** Turns raw strings into the declared types, applying defaults, choices and required checks. */
export function convertOptions(
  values: RawValues,
  specs: Readonly<Record<string, OptionSpec>>,
  usage: string,
): Record<string, string | number | boolean | undefined> {
  const result: Record<string, string | number | boolean | undefined> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = values[name];
    if (spec.type === "boolean") {
      result[name] = raw === true || (raw === undefined && spec.default === true);
      continue;
    }
    if (raw === undefined || raw === true || raw === false) {
      if (spec.required) throw new UsageError(`missing option --${name}`, usage);
      result[name] = spec.default;
      continue;
    }
    let text = raw;
    if (spec.choices) {
      const match = spec.choices.find((choice) => choice.toLowerCase() === text.toLowerCase());
      if (match === undefined) {
        throw new UsageError(
          `invalid value for --${name}: '${text}' is not one of ${spec.choices.join(", ")}`,
          usage,
        );
      }
      text = match;
    }
    if (spec.type === "integer") {
      if (!/^-?\d+$/.test(text.trim()))
        throw new UsageError(`invalid value for --${name}: '${text}' is not an integer`, usage);
      result[name] = Number.parseInt(text, 10);
    } else {
      result[name] = text;
    }
  }
  return result;
}

/** Maps positionals to the declared arguments (too many or too few is a usage error). */
export function convertArgs(
  positionals: readonly string[],
  specs: readonly ArgSpec[],
  usage: string,
): Record<string, string | undefined> {
  if (positionals.length > specs.length) {
    throw new UsageError(`unexpected argument '${positionals[specs.length] ?? ""}'`, usage);
  }
  const result: Record<string, string | undefined> = {};
  specs.forEach((spec, index) => {
    const value = positionals[index];
    if (value === undefined && !spec.optional)
      throw new UsageError(`missing argument ${spec.name.toUpperCase()}`, usage);
    result[spec.name] = value;
  });
  return result;
}

/** Every leaf command with its path, loading lazy modules (for the reference and tests). */
export async function listCommands(
  root: GroupDef,
): Promise<{ path: string[]; node: CommandDef | GroupDef }[]> {
  const result: { path: string[]; node: CommandDef | GroupDef }[] = [];
  async function walk(node: CommandDef | GroupDef, path: string[]): Promise<void> {
    result.push({ path, node });
    if (node.kind !== "group") return;
    for (const [name, entry] of Object.entries(node.commands))
      await walk(await loadEntry(entry), [...path, name]);
  }
  await walk(root, []);
  return result;
}
