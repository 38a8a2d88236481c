/**
 * Issue 20, defect 1 in the CLI: with every Kamereon answer stalled after its headers and the
 * garbage collector running, SIGINT and SIGTERM end the real binary within a second, with the
 * documented exit codes (130, 143) and one line on stderr.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { expect, test } from "vitest";
import { loggedInHome } from "./support/cli.js";
import { hugeBody, redirectTo, stallAfter, useHostileServer } from "./support/hostile-server.js";
import { useSimulator } from "./support/sim.js";

const BIN = resolve("dist/cli/bin.js");
const COLLECT_GARBAGE = "data:text/javascript,setInterval(() => globalThis.gc(), 10).unref();";

async function stalledRun(signal: "SIGINT" | "SIGTERM") {
  const sim = await useSimulator();
  const home = await loggedInHome(sim);
  const server = await useHostileServer();
  server.route("*", stallAfter('{"data":'));
  const child = spawn(process.execPath, ["--expose-gc", "--import", COLLECT_GARBAGE, BIN, "battery"], {
    env: { PATH: process.env.PATH ?? "", ...home.env, RENAULT_API_KAMEREON_URL: server.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) =>
    child.on("exit", (code) => {
      done(code);
    }),
  );
  // Wait until the CLI's request is stalled at the server, then let the GC run during the stall.
  for (let waited = 0; server.requests.length === 0 && waited < 8_000; waited += 20) {
    await new Promise((wait) => setTimeout(wait, 20));
  }
  expect(server.requests.length).toBeGreaterThan(0);
  await new Promise((wait) => setTimeout(wait, 150));
  const sent = Date.now();
  child.kill(signal);
  const code = await exited;
  return { code, elapsed: Date.now() - sent, stderr, requests: server.requests };
}

test("SIGINT ends a CLI run stalled on a body within a second, exit 130", async () => {
  const run = await stalledRun("SIGINT");
  expect(run.code).toBe(130);
  expect(run.elapsed).toBeLessThan(1_000);
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.stderr).toMatch(/interrupted \(SIGINT\)/);
  expect(run.requests[0]).toMatchObject({ method: "GET" });
  // Ended by the abort reaching the transport, not by the grace-period fallback of process-io.ts.
  expect(run.stderr).not.toMatch(/^renault-api: interrupted/);
});

test("SIGTERM ends a CLI run stalled on a body within a second, exit 143", async () => {
  const run = await stalledRun("SIGTERM");
  expect(run.code).toBe(143);
  expect(run.elapsed).toBeLessThan(1_000);
  expect(run.stderr).toMatch(/interrupted \(SIGTERM\)/);
  expect(run.stderr).not.toMatch(/\n\s+at /);
});

test("a redirect is reported by the CLI as a redirect, with its target, not as a network error", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim);
  const server = await useHostileServer();
  server.route("*", redirectTo("https://elsewhere.example/login?token=secret-token-1"));
  const run = await home.run(["battery"], { env: { RENAULT_API_KAMEREON_URL: server.url } });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/the server redirected to https:\/\/elsewhere\.example\/login\n$/);
  expect(run.stderr).not.toMatch(/cannot reach|network error|secret-token-1/);
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(server.requests).toHaveLength(1);
});

test("a 100 MB answer is one line on stderr, exit 1", async () => {
  const sim = await useSimulator();
  const home = await loggedInHome(sim);
  const server = await useHostileServer();
  server.route("*", hugeBody(100 * 1024 * 1024));
  const run = await home.run(["battery"], { env: { RENAULT_API_KAMEREON_URL: server.url } });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/the response is larger than 8388608 bytes\n$/);
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
});
