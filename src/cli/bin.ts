#!/usr/bin/env node
import { version } from "./version.js";

// `--version` alone answers before anything else is loaded: scripts call it to check the install.
if (process.argv.length === 3 && process.argv[2] === "--version") {
  process.stdout.write(`renault-api ${version()}\n`);
} else {
  const [{ main }, { processIo }] = await Promise.all([import("./main.js"), import("./process-io.js")]);
  const code = await main(process.argv.slice(2), processIo());
  // Exit as soon as the output is flushed: Node's fetch keeps idle keep-alive sockets open for a
  // while after the last answer (~300 ms here), which would only delay the prompt.
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
