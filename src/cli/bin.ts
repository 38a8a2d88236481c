#!/usr/bin/env node
import { version } from "./version.js";

// `--version` alone answers before anything else is loaded: scripts call it to check the install.
if (process.argv.length === 3 && process.argv[2] === "--version") {
  process.stdout.write(`renault-api ${version()}\n`);
} else {
  const [{ main }, { exitCode, processIo }] = await Promise.all([
    import("./main.js"),
    import("./process-io.js"),
  ]);
  const io = processIo();
  const code = exitCode(await main(process.argv.slice(2), io), io);
  // Exit as soon as the output is flushed: idle keep-alive sockets (and any timer left behind)
  // would only delay the prompt.
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
