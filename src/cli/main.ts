/**
 * `renault-api` entry point: `main(argv, io)` returns the exit code and never exits the process.
 * It does not import the library statically: `--version` and `--help` stay instant and offline.
 */
import { version } from "./version.js";
import {
  type CommandDef,
  convertArgs,
  convertOptions,
  type GroupDef,
  type OptionSpec,
  parseTokens,
  renderHelp,
  resolveCommand,
  usageLine,
} from "./command.js";
import { GLOBAL_OPTIONS, type GlobalOptions } from "./globals.js";
import type { Io } from "./io.js";
import { ROOT } from "./table.js";
import { UsageError } from "./usage.js";

export type { Io } from "./io.js";

export { version } from "./version.js";

interface Invocation {
  readonly node: CommandDef | GroupDef;
  readonly path: readonly string[];
  readonly globals: GlobalOptions & { readonly version: boolean; readonly help: boolean };
  readonly options: Record<string, string | number | boolean | undefined>;
  readonly args: Record<string, string | undefined>;
}

async function parse(argv: readonly string[], root: GroupDef): Promise<Invocation> {
  const resolved = await resolveCommand(root, argv, GLOBAL_OPTIONS);
  const { node, path } = resolved;
  const usage = usageLine(node, path);
  const before = parseTokens(resolved.before, GLOBAL_OPTIONS, false, usage).values;
  let after: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  let commandSpecs: Readonly<Record<string, OptionSpec>> = {};
  if (node.kind === "command") {
    commandSpecs = node.options ?? {};
    // A command option shadows the global option of the same name (`set --locale` saves the locale).
    after = parseTokens(resolved.after, { ...GLOBAL_OPTIONS, ...commandSpecs }, true, usage);
  } else {
    after = parseTokens(resolved.after, GLOBAL_OPTIONS, true, usage);
  }
  const globalValues: Record<string, string | boolean | undefined> = { ...before };
  for (const name of Object.keys(GLOBAL_OPTIONS)) {
    if (!Object.hasOwn(commandSpecs, name) && after.values[name] !== undefined)
      globalValues[name] = after.values[name];
  }
  const flag = (name: string) => globalValues[name] === true;
  const text = (name: string) => {
    const value = globalValues[name];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const globals = {
    json: flag("json"),
    locale: text("locale"),
    account: text("account"),
    vin: text("vin"),
    debug: flag("debug"),
    log: flag("log"),
    pseudonymise: flag("pseudonymise"),
    demo: flag("demo"),
    version: flag("version"),
    help: flag("help"),
  };
  if (globals.help || globals.version || node.kind === "group") {
    if (node.kind === "group" && after.positionals.length > 0 && !globals.help && !globals.version) {
      throw new UsageError(`unknown command '${[...path, after.positionals[0] ?? ""].join(" ")}'`, usage);
    }
    return { node, path, globals, options: {}, args: {} };
  }
  const options = convertOptions(after.values, commandSpecs, usage);
  const args = convertArgs(after.positionals, node.args ?? [], usage);
  return { node, path, globals, options, args };
}

/**
 * Runs `renault-api` with the given arguments.
 * @returns the exit code (see docs/cli.md: 0 ok, 1 failure, 2 usage, 3 not logged in, 4 quota)
 */
export async function main(argv: readonly string[], io: Io, root: GroupDef = ROOT): Promise<number> {
  let debug = argv.includes("--debug");
  let invocation: Invocation;
  try {
    invocation = await parse(argv, root);
  } catch (error) {
    return error instanceof UsageError ? reportUsage(error, io) : report(error, io, debug);
  }
  const { node, path, globals } = invocation;
  debug = globals.debug;
  if (globals.version) {
    io.stdout.write(`renault-api ${version()}\n`);
    return 0;
  }
  if (globals.help) {
    io.stdout.write(renderHelp(node, path, GLOBAL_OPTIONS));
    return 0;
  }
  if (node.kind === "group" && path.length === 0) {
    // Bare `renault-api`: the help, as a success (as the Python CLI does).
    io.stdout.write(renderHelp(node, path, GLOBAL_OPTIONS));
    return 0;
  }
  if (node.kind === "group") {
    // A group without a subcommand: show its commands, as a usage error (as click does).
    io.stderr.write(renderHelp(node, path, GLOBAL_OPTIONS));
    return 2;
  }
  const demoRequested = globals.demo || io.env.RENAULT_API_DEMO === "1";
  let context: import("./context.js").Context | undefined;
  try {
    const { Context } = await import("./context.js");
    const demo = demoRequested ? await (await import("./demo.js")).startDemo() : undefined;
    context = new Context(io, { ...globals, demo: demoRequested }, demo);
    await node.run(context, { options: invocation.options, args: invocation.args } as never);
    return 0;
  } catch (error) {
    return await report(error, io, debug, context);
  } finally {
    await context?.close();
  }
}

/**
 * A mistake in the command line, before any command runs: answered without loading the library
 * (`./errors.js` maps the library's errors, so importing it imports all of them).
 */
async function reportUsage(error: UsageError, io: Io): Promise<number> {
  const { redact } = await import("./redact.js");
  io.stderr.write(`Error: ${redact(error.message, [])}\n`);
  writeUsage(error, io);
  return 2; // EXIT.usage of ./errors.js (docs/cli.md)
}

function writeUsage(error: UsageError, io: Io): void {
  if (!error.usage) return;
  const command = error.usage.replace(/ \[options\].*$/, "").replace(/ <command>$/, "");
  io.stderr.write(`Usage: ${error.usage}\nTry '${command} --help' for help.\n`);
}

async function report(
  error: unknown,
  io: Io,
  debug: boolean,
  context?: import("./context.js").Context,
): Promise<number> {
  const { describe, errorText } = await import("./errors.js");
  const described = describe(error, { timeZone: io.env.TZ || undefined, now: io.now?.() ?? new Date() });
  io.stderr.write(`Error: ${errorText(described.message, context, true)}\n`);
  if (error instanceof UsageError && error.usage) {
    writeUsage(error, io);
  } else if (described.hint && !debug) {
    io.stderr.write(`(${described.hint})\n`);
  }
  if (debug && error instanceof Error && !(error instanceof UsageError) && error.stack) {
    io.stderr.write(`${errorText(error.stack, context)}\n`);
  }
  return described.code;
}
