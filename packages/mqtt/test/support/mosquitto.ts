/**
 * A real mosquitto for the end-to-end tests: its own config in a temp directory, a free port on
 * 127.0.0.1, no persistence, stoppable and restartable on the same port (broker restart tests).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/** Where Debian puts the broker (/usr/sbin is often not on a non-root PATH). */
const EXTRA_DIRS = ["/usr/sbin", "/usr/local/sbin", "/opt/homebrew/sbin"];

/** The mosquitto binary, or a clear error naming the package to install. */
export function findMosquitto(): string {
  const dirs = [...(process.env.PATH ?? "").split(delimiter), ...EXTRA_DIRS].filter(Boolean);
  for (const dir of dirs) {
    const candidate = join(dir, "mosquitto");
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    "mosquitto is not installed: the MQTT end-to-end tests need a real broker " +
      "(Debian/Ubuntu: apt-get install -y mosquitto; .ci/run does it).",
  );
}

/** A free TCP port on 127.0.0.1 (bound, read, released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Options of {@link startMosquitto}. */
export interface MosquittoOptions {
  /** Extra config lines (an ACL file, a password file…), appended after the listener. */
  readonly extraConfig?: (dir: string) => Promise<string> | string;
}

/** A running broker. */
export interface Mosquitto {
  readonly port: number;
  readonly url: string;
  /** The temp directory holding its config (removed by {@link Mosquitto.close}). */
  readonly dir: string;
  /** Everything the broker logged, for failure messages. */
  log(): string;
  /** Stops the broker (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  close(): Promise<void>;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited (${child.exitCode}):\n${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => {
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port}:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts a mosquitto on a free loopback port with its own config. */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<Mosquitto> {
  const binary = findMosquitto();
  const dir = await mkdtemp(join(tmpdir(), "renault-mqtt-broker-"));
  const port = await freePort();
  const configFile = join(dir, "mosquitto.conf");
  const extra = options.extraConfig ? await options.extraConfig(dir) : "allow_anonymous true\n";
  await writeFile(
    configFile,
    [
      `listener ${port} 127.0.0.1`,
      "persistence false",
      "log_dest stderr",
      "log_type error",
      "log_type warning",
      extra,
    ].join("\n"),
  );
  let output = "";
  let child: ChildProcess | undefined;
  const log = (): string => output;
  const start = async (): Promise<void> => {
    const started = spawn(binary, ["-c", configFile], { stdio: ["ignore", "pipe", "pipe"] });
    started.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    started.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child = started;
    await waitForPort(port, started, log);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running?.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, "exit");
    running.kill("SIGTERM");
    await exited;
  };
  await start();
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    dir,
    log,
    start,
    stop,
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
