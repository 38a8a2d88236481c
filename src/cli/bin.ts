#!/usr/bin/env node
import { main } from "./main.js";
import { processIo } from "./process-io.js";

const code = await main(process.argv.slice(2), processIo());
// Exit as soon as the output is flushed: Node's fetch keeps idle keep-alive sockets open for a while
// after the last answer (~300 ms here), which would only delay the prompt.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
