import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type ActiveFault, FaultList, type FaultKind, type FaultSpecs, faultResponse } from "./faults.js";
import { sendBody } from "./hostile.js";
import { handleGigya } from "./gigya.js";
import { JwtIssuer } from "./jwt.js";
import { handleKamereon } from "./kamereon.js";
import { classify } from "./operations.js";
import { addNewModels } from "./models-2026.js";
import { checkOptions, type SimulatorOptions } from "./options.js";
import { QuotaTracker } from "./quota.js";
import { settle } from "./car-time.js";
import { SimulatorClock } from "./clock.js";
import { type ScheduledEvent, type ScriptEvent, scriptEvents } from "./scenario.js";
import { twoFactorLoginCheck } from "./tfa.js";
import { createWorld, DEMO_ACCOUNT, type DemoAccount, type World } from "./world.js";
import { loadBundle } from "./bundle.js";

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
  /**
   * What the request is for: a Gigya call (`login`, `account-info`, `jwt`), a commerce call
   * (`person`, `vehicles`, `details`, `contracts`, `notifications`) or a car endpoint
   * (`battery-status`, `actions/hvac-start`, `charge/pause-resume`, `ev-settings`…); undefined for
   * an unknown path.
   */
  readonly endpoint?: string | undefined;
  /** The VIN in the path, if any. */
  readonly vin?: string | undefined;
  /** The fault applied to this request, if one hit it. */
  readonly fault?: FaultKind | undefined;
  /** HTTP status answered; undefined while pending, and for `reset` and `hang`. */
  readonly status?: number | undefined;
}

/** An answer the simulator sends. */
export interface SimulatorResponse {
  readonly status?: number;
  /** A JSON value (serialised) or a string (sent as is, as `text/html`). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Never answer (the client must time out). */
  readonly hang?: boolean;
  /** Destroy the connection without an answer. */
  readonly reset?: boolean;
  /** A hostile body instead of `body` (src/simulator/hostile.ts): stalled, dripped, huge, a gzip bomb. */
  readonly send?: "stall" | "drip" | "huge" | "bomb";
}

/** Overrides the answer to matching requests; return `undefined` to let the simulator answer. */
export type RouteHandler = (
  request: RecordedRequest,
) => SimulatorResponse | undefined | Promise<SimulatorResponse | undefined>;

export type { SimulatorOptions } from "./options.js";

/** A running simulator. */
export interface Simulator {
  /** Base URL of the server, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Gigya base URL to configure in the client. */
  readonly gigyaUrl: string;
  /** Kamereon base URL to configure in the client. */
  readonly kamereonUrl: string;
  /** Root of the `/myr` gateway (stands for `https://apis.renault.com`; paths `/myr/api/v1/…`). */
  readonly myrUrl: string;
  /** Gigya API key to configure (any non-empty key is accepted unless a fault says otherwise). */
  readonly gigyaApiKey: string;
  /** Kamereon API key the simulator accepts (any other gets 403 `access_denied`). */
  readonly kamereonApiKey: string;
  /** Every request received, in order (the last {@link SimulatorOptions.maxRecorded}). */
  readonly requests: RecordedRequest[];
  /** The demo login, its ids, and the VIN of each demo car (`demo.vins.zoe40`). */
  readonly demo: DemoAccount;
  /** The in-memory state (cars, their documents and actions…) of this instance. */
  readonly world: World;
  /** The faults not used up yet, with their remaining counts. */
  readonly faults: readonly ActiveFault[];
  /** The simulator's clock, in epoch milliseconds. */
  now(): number;
  /** The clock itself (`clock.advance(ms)`): the `clock` option, or one following `now`. */
  readonly clock: SimulatorClock;
  /**
   * Scripts what happens to the cars by themselves (plug-in, trips, charges…), at simulated times.
   * @throws {ConfigurationError} an unknown car, a time in the past, an invalid event
   */
  script(events: readonly ScriptEvent[]): ScheduledEvent[];
  /** Brings every car up to the clock's now (done by itself for a car on each of its requests). */
  settle(): void;
  /**
   * Adds faults (a spec string or structured specs), after the ones already active.
   * @throws {ConfigurationError} the spec is invalid
   */
  addFault(spec: FaultSpecs): void;
  /** Removes every fault. */
  clearFaults(): void;
  /** Overrides answers to requests whose method and path match (string = exact path, RegExp = test). */
  route(method: string, path: string | RegExp, handler: RouteHandler): void;
  /** Removes every override added with {@link Simulator.route}. */
  clearRoutes(): void;
  /** Stops the server and closes open connections (hanging requests included). */
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
  /** JWTs an `unauthorized` fault revoked: Kamereon keeps rejecting them. */
  readonly revokedJwts: Set<string>;
  readonly quota: QuotaTracker | undefined;
}

/** The Kamereon API key the simulator accepts (`Simulator.kamereonApiKey`). */
export const SIMULATOR_KAMEREON_API_KEY = "simulator-kamereon-key";
/** The Gigya API key the simulator hands out (`Simulator.gigyaApiKey`; any non-empty key works). */
export const SIMULATOR_GIGYA_API_KEY = "simulator-gigya-key";

/**
 * Starts a simulator of Renault's cloud (Gigya + Kamereon) on 127.0.0.1 over real HTTP: the demo
 * account with seven cars of different models, each answering as its model does, with state that
 * actions change, and the real world's failures on demand (faults, quota, JWT expiry, latency).
 *
 * @example
 * const sim = await startSimulator({ faults: "5xx@battery-status:2", quota: 60 });
 * const session = new RenaultSession({
 *   locale: "fr_FR",
 *   gigyaUrl: sim.gigyaUrl, gigyaApiKey: sim.gigyaApiKey,
 *   kamereonUrl: sim.kamereonUrl, kamereonApiKey: sim.kamereonApiKey,
 * });
 * await session.login(sim.demo.email, sim.demo.password);
 * // … sim.demo.vins.zoe50, sim.requests, sim.world.vehicle(vin).attributes("hvac-status")
 * await sim.close();
 * @throws {ConfigurationError} invalid options (a bad fault spec, a negative quota…)
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  checkOptions(options);
  const clock = options.clock ?? new SimulatorClock({ source: options.now ?? Date.now });
  const now = () => clock.now();
  const maxRecorded = options.maxRecorded ?? 10_000;
  const requests: RecordedRequest[] = [];
  const faults = new FaultList();
  if (options.faults !== undefined) faults.add(options.faults);
  let overrides: Override[] = [];
  let seq = 0;
  const sockets = new Set<Socket>();
  const world = createWorld(now);
  world.actionDelay = options.actionDelay ?? 0;
  world.modelQuirks = options.modelQuirks ?? false;
  if (options.newModels === true) addNewModels(world);
  const bundle = loadBundle(world, options.fixtures);
  const context: HandlerContext = {
    world,
    jwt: new JwtIssuer(),
    now,
    options,
    kamereonApiKey: SIMULATOR_KAMEREON_API_KEY,
    revokedJwts: new Set(),
    quota:
      options.quota === undefined
        ? undefined
        : new QuotaTracker(options.quota, (options.quotaWindow ?? 3600) * 1000),
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
    const path = url.pathname.replace(/^\/(gigya|kamereon|apis)/, "");
    const headers = Object.fromEntries(
      Object.entries(incoming.headers).map(([name, value]) => [
        name.toLowerCase(),
        Array.isArray(value) ? value.join(", ") : (value ?? ""),
      ]),
    );
    const method = incoming.method ?? "GET";
    const json = parseBody(body, headers["content-type"]);
    const classification = classify(service, method, path, json);
    const request: Mutable<RecordedRequest> = {
      service,
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
      json,
      seq: ++seq,
      endpoint: classification.endpoint,
      vin: classification.vin,
    };
    requests.push(request);
    if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded);
    const fault = faults.take({ request, keys: classification.keys });
    let response: SimulatorResponse | undefined;
    try {
      if (fault !== undefined) {
        request.fault = fault;
        response =
          (fault === "gigya-403101" ? pendingTwoFactor(context, request) : undefined) ??
          faultResponse(fault, now(), request);
        // An `unauthorized` fault revokes the JWT it hit, as if Kamereon had stopped trusting it.
        if (fault === "unauthorized" && headers["x-gigya-id_token"])
          context.revokedJwts.add(headers["x-gigya-id_token"]);
      }
      for (const override of response ? [] : overrides) {
        if (override.method !== method) continue;
        if (typeof override.path === "string" ? override.path !== path : !override.path.test(path)) continue;
        response = await override.handler(request);
        if (response) break;
      }
      response ??=
        service === "gigya"
          ? handleGigya(context, request)
          : bundle.answer(request, classification, handleKamereon(context, request, classification));
    } catch (error) {
      response = { status: 500, body: { error: String(error) } };
    }
    await delay(latencyOf(options.latency));
    if (response.reset) {
      incoming.socket.destroy();
    } else if (!response.hang) {
      const isText = typeof response.body === "string";
      request.status = response.status ?? 200;
      outgoing.writeHead(request.status, {
        "content-type": isText ? "text/html" : "application/json",
        ...(options.dateOffset === undefined
          ? {}
          : { date: new Date(now() + options.dateOffset).toUTCString() }),
        ...response.headers,
      });
      if (response.send) sendBody(outgoing, response.send);
      else outgoing.end(isText ? (response.body as string) : JSON.stringify(response.body ?? {}));
    }
    try {
      options.onRequest?.(request);
    } catch {
      // A logging callback must not break the simulator.
    }
  }

  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    gigyaUrl: `${url}/gigya`,
    kamereonUrl: `${url}/kamereon`,
    myrUrl: `${url}/apis`,
    gigyaApiKey: SIMULATOR_GIGYA_API_KEY,
    kamereonApiKey: SIMULATOR_KAMEREON_API_KEY,
    requests,
    demo: DEMO_ACCOUNT,
    world: context.world,
    get faults() {
      return faults.list();
    },
    now,
    clock,
    script: (events) => scriptEvents(context.world, events),
    settle() {
      for (const vehicle of context.world.vehicles.values()) settle(vehicle, now());
    },
    addFault(spec) {
      faults.add(spec);
    },
    clearFaults() {
      faults.clear();
    },
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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A `gigya-403101` fault on the demo user's login opens a real pending two-factor login (its
 * `regToken` works with `accounts.tfa.*`), as the `twoFactor` option would for this one login.
 */
function pendingTwoFactor(context: HandlerContext, request: RecordedRequest): SimulatorResponse | undefined {
  if (request.path !== "/accounts.login") return undefined;
  return twoFactorLoginCheck({ ...context, options: { ...context.options, twoFactor: true } }, request);
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
