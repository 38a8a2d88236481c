/**
 * Issue 20, defect 1: a stalled body must end within the timeout, and at once on the caller's
 * abort, even when the garbage collector runs during the stall. Run in a child process with
 * `--expose-gc` that calls `gc()` every few milliseconds, against the built transport (dist/).
 */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "vitest";
import { stallAfter, drip, useHostileServer } from "./support/hostile-server.js";

const TRANSPORT = pathToFileURL(resolve("dist/http/transport.js")).href;

/** The child: sends one request while collecting garbage, prints what ended it and when. */
const CHILD = `
const { send } = await import(process.argv[1]);
const [url, mode, transport] = process.argv.slice(2);
const gcTimer = setInterval(() => gc(), 5);
const controller = new AbortController();
if (mode === "abort") setTimeout(() => controller.abort(new Error("caller aborted")), 150);
const started = Date.now();
const options = { timeout: mode === "abort" ? 60_000 : 300, signal: controller.signal };
if (transport === "fetch") options.fetch = globalThis.fetch;
try {
  await send({ method: "GET", url, headers: {} }, options);
  console.log(JSON.stringify({ ended: "answer" }));
} catch (error) {
  console.log(JSON.stringify({ ended: error.name + ": " + error.message, ms: Date.now() - started }));
}
clearInterval(gcTimer);
`;

function runChild(url: string, mode: "timeout" | "abort", transport: string) {
  return new Promise<{ ended: string; ms: number }>((done, fail) => {
    execFile(
      process.execPath,
      ["--expose-gc", "--input-type=module", "-e", CHILD, TRANSPORT, url, mode, transport],
      { timeout: 10_000 },
      (error, stdout, stderr) => {
        if (error) fail(new Error(`child failed: ${error.message}\n${stderr}`));
        else done(JSON.parse(stdout) as { ended: string; ms: number });
      },
    );
  });
}

test.each(["node", "fetch"])(
  "%s: a stalled body under a running GC ends with the timeout",
  async (transport) => {
    const server = await useHostileServer();
    server.route("/stall", stallAfter('{"data":{"attributes":'));
    const result = await runChild(`${server.url}/stall`, "timeout", transport);
    expect(result.ended).toMatch(/^TimeoutError: GET .*\/stall timed out after 300 ms$/);
    expect(result.ms).toBeGreaterThanOrEqual(290);
    expect(result.ms).toBeLessThan(1_500);
    expect(server.requests).toHaveLength(1);
  },
);

test.each(["node", "fetch"])(
  "%s: a dripping body under a running GC ends at once on abort",
  async (transport) => {
    const server = await useHostileServer();
    server.route("/drip", drip(30));
    const result = await runChild(`${server.url}/drip`, "abort", transport);
    expect(result.ended).toBe("Error: caller aborted");
    expect(result.ms).toBeLessThan(1_000);
  },
);
