/** The `network` check: each configured host resolves, accepts a TCP connection and speaks TLS. */
import { lookup } from "node:dns/promises";
import { connect as tcpConnect, type Socket } from "node:net";
import { connect as tlsConnect, type TLSSocket } from "node:tls";
import { check, type DiagnosticCheck } from "./types.js";

/** A host the client talks to, with the setting that configures it. */
export interface ConfiguredHost {
  /** e.g. `Gigya`, `Kamereon`, `/myr gateway`. */
  readonly service: string;
  readonly url: string;
  /** The option or variable that overrides it, for the remedy. */
  readonly override: string;
}

/** What probing one host found. */
export interface HostProbe {
  readonly host: ConfiguredHost;
  /** Undefined when reachable; otherwise the stage that failed and why. */
  readonly failure: string | undefined;
}

/** Probes every distinct origin once, all at the same time. */
export async function probeHosts(hosts: readonly ConfiguredHost[], timeout: number): Promise<HostProbe[]> {
  const origins = new Map<string, Promise<string | undefined>>();
  for (const host of hosts) {
    const origin = new URL(host.url).origin;
    if (!origins.has(origin)) origins.set(origin, probeOrigin(new URL(host.url), timeout));
  }
  return Promise.all(
    hosts.map(async (host) => ({ host, failure: await origins.get(new URL(host.url).origin) })),
  );
}

/** The `network` check from the probes. */
export function networkCheck(probes: readonly HostProbe[]): DiagnosticCheck {
  const failed = probes.filter((probe) => probe.failure !== undefined);
  if (failed.length === 0) {
    const names = [
      ...new Set(
        probes.map((probe) => {
          const url = new URL(probe.host.url);
          return `${url.host} (${url.protocol === "https:" ? "DNS, TCP, TLS" : "DNS, TCP; plain http to loopback"})`;
        }),
      ),
    ];
    return check("network", "ok", `reached ${names.join(", ")}`);
  }
  const message = failed
    .map((probe) => `${probe.host.service} (${new URL(probe.host.url).host}): ${probe.failure}`)
    .join("; ");
  const overrides = [...new Set(failed.map((probe) => probe.host.override))].join(", ");
  return check(
    "network",
    "fail",
    message,
    `check the internet connection, DNS, proxy or firewall; if the URL is an override, check ${overrides}`,
  );
}

async function probeOrigin(url: URL, timeout: number): Promise<string | undefined> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const secure = url.protocol === "https:";
  const port = Number(url.port || (secure ? 443 : 80));
  let address: string;
  try {
    address = (await withTimeout(lookup(hostname), timeout, "DNS resolution")).address;
  } catch (error) {
    return `DNS resolution failed (${codeOf(error)})`;
  }
  try {
    const socket = await connected(tcpConnect({ host: address, port }), "connect", timeout);
    socket.destroy();
  } catch (error) {
    return `TCP connection to port ${port} failed (${codeOf(error)})`;
  }
  if (!secure) return undefined;
  try {
    const socket = await connected(
      tlsConnect({ host: address, port, servername: hostname }),
      "secureConnect",
      timeout,
    );
    socket.destroy();
  } catch (error) {
    return `TLS handshake failed (${codeOf(error)})`;
  }
  return undefined;
}

function connected<T extends Socket | TLSSocket>(socket: T, event: string, timeout: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeout} ms`));
    }, timeout);
    socket.once(event, () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("error", (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}

function withTimeout<T>(promise: Promise<T>, timeout: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what}: no answer within ${timeout} ms`));
    }, timeout);
  });
  return Promise.race([promise, expired]).finally(() => {
    clearTimeout(timer);
  });
}

/** A short, safe reason: the system error code (`ENOTFOUND`, `ECONNREFUSED`…) or the message. */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  return error instanceof Error ? error.message : "error";
}
