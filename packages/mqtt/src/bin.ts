#!/usr/bin/env node
/**
 * `renault-api-mqtt`: settings (flags > environment > config file), SIGTERM/SIGINT → a clean
 * stop. Errors are one line on stderr, never a stack trace: exit 2 bad settings, 3 not logged
 * in, 1 any other failure (broker unreachable, credential file unreadable…).
 */
import { safeUrl } from "./broker.js";
import { HELP, resolveSettings, SettingsError, USAGE } from "./config.js";
import { NotLoggedInError, runBridge } from "./run.js";

/** Exit codes, documented in README.md and {@link USAGE}. */
const EXIT = { stopped: 0, failure: 1, settings: 2, notLoggedIn: 3 } as const;

/** One line, control characters removed: error texts may quote what a server sent. */
function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // eslint-disable-next-line no-control-regex
  return (text.split("\n")[0] ?? "").replace(/[\x00-\x1f\x7f-\x9f]/g, "").slice(0, 500);
}

function fail(error: unknown): never {
  const code =
    error instanceof SettingsError
      ? EXIT.settings
      : error instanceof NotLoggedInError
        ? EXIT.notLoggedIn
        : EXIT.failure;
  process.stderr.write(`renault-api-mqtt: ${oneLine(error) || "failed"}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const settings = resolveSettings({ argv: process.argv.slice(2), env: process.env });
  if (settings === HELP) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    process.stderr.write(`${level}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ""}\n`);
  };
  const running = await runBridge(settings, { warn: log("warning"), info: log("info") });
  process.stdout.write(
    `renault-api-mqtt: ${settings.demo ? "demo, " : ""}broker ${safeUrl(settings.broker)}, ` +
      `budget ${settings.budget} requests/h, publishing under ${running.bridge.topics.base}/ (Ctrl-C stops)\n`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    running.stop().then(
      () => process.exit(EXIT.stopped),
      () => process.exit(EXIT.failure),
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch(fail);
