import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { handleGigya } from "./gigya.js";
import { JwtIssuer } from "./jwt.js";
import { handleKamereon } from "./kamereon.js";
import { createWorld, DEMO_ACCOUNT, type World } from "./world.js";

/** A request as the simulator received it (for tests to assert on). */
export interface RecordedRequest {
  /** `gigya` or `kamereon`. */
  readonly service: "gigya" | "kamereon";
  readonly method: string;
  /** Path without the service prefix, e.g. `/accounts.login` or `/commerce/v1/persons/…`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Raw body text. */
  readonly body: string;
  /** The body parsed as JSON, or the form fields of a form body, when it parses. */
  readonly json: unknown;
  /** Sequence number of the request in this simulator, from 1. */
  readonly seq: number;
}

/** An answer the simulator sends. */
export interface SimulatorResponse {
  readonly status?: number;
  /** A JSON value (serialised) or a string (sent as is). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Never answer (the client must time out). */
  readonly hang?: boolean;
  /** Destroy the connection without an answer. */
  readonly reset?: boolean;
}

/** Overrides the answer to matching requests; return `undefined` to let the simulator answer. */
export type RouteHandler = (
  request: RecordedRequest,
) => SimulatorResponse | undefined | Promise<SimulatorResponse | undefined>;

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /** TCP port on 127.0.0.1. @default 0 (any free port) */
  readonly port?: number;
  /** Latency added to every answer: fixed milliseconds, or a `[min, max]` range. @default 0 */
  readonly latency?: number | readonly [number, number];
  /** Lifetime of minted JWTs, capped by the `expiration` the client asks for. @default the asked expiration */
  readonly jwtTtl?: number;
  /** Clock in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

/** A running simulator. */
export interface Simulator {
  /** Base URL of the server, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Gigya base URL to configure in the client. */
  readonly gigyaUrl: string;
  /** Kamereon base URL to configure in the client. */
  readonly kamereonUrl: string;
  /** API keys the simulator accepts (any non-empty Gigya key is accepted unless a fault says otherwise). */
  readonly gigyaApiKey: string;
  readonly kamereonApiKey: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** The demo account's login and its ids. */
  readonly demo: typeof DEMO_ACCOUNT;
  /** The in-memory state (vehicles, schedules…) of this instance. */
  readonly world: World;
  /** Overrides answers to requests whose method and path match (string = exact path, RegExp = test). */
  route(method: string, path: string | RegExp, handler: RouteHandler): void;
  /** Removes every override added with {@link Simulator.route}. */
  clearRoutes(): void;
  /** Stops the server and closes open connections. */
  close(): Promise<void>;
}

interface Override {
  readonly method: string;
  readonly path: string | RegExp;
  readonly handler: RouteHandler;
}

/** Context passed to the protocol handlers. */
export interface HandlerContext {
  readonly world: World;
  readonly jwt: JwtIssuer;
  readonly now: () => number;
  readonly options: SimulatorOptions;
  readonly kamereonApiKey: string;
}

export const SIMULATOR_KAMEREON_API_KEY = "simulator-kamereon-key";
export const SIMULATOR_GIGYA_API_KEY = "simulator-gigya-key";

/**
 * Starts a simulator of Renault's cloud (Gigya + Kamereon) on 127.0.0.1 over real HTTP.
 *
 * @example
 * const sim = await startSimulator();
 * const client = new RenaultClient({ locale: "fr_FR", gigyaUrl: sim.gigyaUrl, kamereonUrl: sim.kamereonUrl });
 * await client.session.login(sim.demo.email, sim.demo.password);
 * await sim.close();
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? Date.now;
  const requests: RecordedRequest[] = [];
  let overrides: Override[] = [];
  const sockets = new Set<Socket>();
  const context: HandlerContext = {
    world: createWorld(),
    jwt: new JwtIssuer(),
    now,
    options,
    kamereonApiKey: SIMULATOR_KAMEREON_API_KEY,
  };

  const server = createServer((incoming, outgoing) => {
    void serve(incoming, outgoing);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function serve(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const body = await readBody(incoming);
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    const service = url.pathname.startsWith("/gigya/") ? "gigya" : "kamereon";
    const path = url.pathname.replace(/^\/(gigya|kamereon)/, "");
    const headers = Object.fromEntries(
      Object.entries(incoming.headers).map(([name, value]) => [
        name.toLowerCase(),
        Array.isArray(value) ? value.join(", ") : (value ?? ""),
      ]),
    );
    const request: RecordedRequest = {
      service,
      method: incoming.method ?? "GET",
      path,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
      json: parseBody(body, headers["content-type"]),
      seq: requests.length + 1,
    };
    requests.push(request);
    let response: SimulatorResponse | undefined;
    try {
      for (const override of overrides) {
        if (override.method !== request.method) continue;
        if (typeof override.path === "string" ? override.path !== path : !override.path.test(path)) continue;
        response = await override.handler(request);
        if (response) break;
      }
      response ??= service === "gigya" ? handleGigya(context, request) : handleKamereon(context, request);
    } catch (error) {
      response = { status: 500, body: { error: String(error) } };
    }
    await delay(latencyOf(options.latency));
    if (response.reset) {
      incoming.socket.destroy();
      return;
    }
    if (response.hang) return;
    const isText = typeof response.body === "string";
    outgoing.writeHead(response.status ?? 200, {
      "content-type": isText ? "text/html" : "application/json",
      ...response.headers,
    });
    outgoing.end(isText ? (response.body as string) : JSON.stringify(response.body ?? {}));
  }

  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    gigyaUrl: `${url}/gigya`,
    kamereonUrl: `${url}/kamereon`,
    gigyaApiKey: SIMULATOR_GIGYA_API_KEY,
    kamereonApiKey: SIMULATOR_KAMEREON_API_KEY,
    requests,
    demo: DEMO_ACCOUNT,
    world: context.world,
    route(method, path, handler) {
      overrides.push({ method: method.toUpperCase(), path, handler });
    },
    clearRoutes() {
      overrides = [];
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, "close");
    },
  };
}

async function readBody(incoming: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(body: string, contentType: string | undefined): unknown {
  if (body === "") return undefined;
  if (contentType?.includes("application/x-www-form-urlencoded"))
    return Object.fromEntries(new URLSearchParams(body));
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function latencyOf(latency: SimulatorOptions["latency"]): number {
  if (latency === undefined) return 0;
  if (typeof latency === "number") return latency;
  const [min, max] = latency;
  return min + Math.random() * (max - min);
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
