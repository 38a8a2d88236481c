import type { OptionSpec } from "./command.js";

/** Options every command accepts, before or after the command name. */
export const GLOBAL_OPTIONS = {
  json: { type: "boolean", description: "print JSON (the full parsed data, stable keys) instead of tables" },
  locale: {
    type: "string",
    valueName: "LOCALE",
    description: "locale for this run only, e.g. fr_FR (not saved; use `set --locale` to save)",
  },
  account: { type: "string", valueName: "ID", description: "Kamereon account id for this run" },
  vin: { type: "string", valueName: "VIN", description: "VIN of the vehicle for this run" },
  debug: {
    type: "boolean",
    description: "write every Kamereon request and response (secrets redacted) and error stacks to stderr",
  },
  log: {
    type: "boolean",
    description: "append the same trace to logs/YYYY-MM-DD.log in the current directory",
  },
  pseudonymise: {
    type: "boolean",
    aliases: ["anonymise"],
    description:
      "in traces, also replace VINs, registrations, account/person ids, e-mails and GPS with stable fakes",
  },
  demo: {
    type: "boolean",
    description: "run against a built-in simulator logged in as a demo user; nothing is saved",
  },
  version: { type: "boolean", description: "print the version and exit" },
  help: { type: "boolean", short: "h", description: "show help for the command and exit" },
} as const satisfies Readonly<Record<string, OptionSpec>>;

/** Parsed global options. */
export interface GlobalOptions {
  readonly json: boolean;
  readonly locale: string | undefined;
  readonly account: string | undefined;
  readonly vin: string | undefined;
  readonly debug: boolean;
  readonly log: boolean;
  readonly pseudonymise: boolean;
  readonly demo: boolean;
}
