/**
 * The fault matrix: every fault kind the simulator offers, once and always, × every kind of
 * operation (login, a read, an action, the CLI's `status`). For each cell: the outcome (recovered,
 * or the typed error / exit code), the requests sent, no action sent twice, the credential file
 * intact and no secret in any output. The run checks docs/fault-matrix.md against the result
 * (`UPDATE_FAULT_MATRIX=1`, or `npm run docs:fault-matrix`, rewrites it).
 *
 * Settings, for speed only: the library calls pass `retry: { delay: () => 0 }` and a short
 * `timeout` on the `hang` rows; the CLI gets the same through `RENAULT_API_RETRY_DELAY=0` (set by
 * test/support/cli.ts) and `RENAULT_API_TIMEOUT`. Everything goes over real HTTP to the simulator.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import {
  CredentialKey,
  FileCredentialStore,
  RenaultError,
  RenaultSession,
  RenaultVehicle,
  type TraceEvent,
} from "../src/index.js";
import { KAMEREON_KINDS, type FaultKind } from "../src/simulator/faults.js";
import { startSimulator, type Simulator } from "../src/simulator/server.js";
import { loggedInHome } from "./support/cli.js";

// --- the matrix -----------------------------------------------------------------------------------

const CAR = "zoe50" as const;
const HANG_TIMEOUT = 300;
/** The kinds that leave a request without a complete answer: their rows use a short timeout. */
const SLOW_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>(["hang", "stall", "drip"]);
/** Terminal control characters (C0 but tab and newline, DEL, C1): never printed raw. */
// eslint-disable-next-line no-control-regex -- the characters this check looks for
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

type Operation = "login" | "read" | "action" | "cli";
const OPERATIONS: readonly Operation[] = ["login", "read", "action", "cli"];
const OPERATION_TITLES: Readonly<Record<Operation, string>> = {
  login: "login (`session.login`)",
  read: "read (`getCockpit`)",
  action: "action (`startHvac`)",
  cli: "CLI `status`",
};

/** Every kind the simulator offers (src/simulator/faults.ts), with the Gigya codes it documents. */
const KINDS: readonly FaultKind[] = [
  "5xx",
  "upstream",
  "502html",
  "reset",
  "hang",
  "privacy",
  "quota",
  "unauthorized",
  "forbidden",
  "notfound",
  "notsupported",
  "inprogress",
  "apikey",
  "stall",
  "drip",
  "huge",
  "bomb",
  "redirect",
  "retry-after-absurd",
  "control-chars",
  "echo-secret",
  "gigya-403042",
  "gigya-403101",
  "gigya-403005",
  "gigya-403013",
];
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  "5xx": "500 `err.tech.wired.kamereon-proxy`",
  upstream: "500 `err.tech.500` (upstream)",
  "502html": "502 HTML page",
  reset: "connection reset",
  hang: "no answer",
  privacy: "403 privacy mode",
  quota: "429 quota",
  unauthorized: "401 JWT rejected",
  forbidden: "403 `err.func.wired.forbidden`",
  notfound: "404 `err.func.wired.notFound`",
  notsupported: "501 `err.tech.501`",
  inprogress: "409 `409001`",
  apikey: "403 `access_denied` (stale key)",
  stall: "headers, then the body stops",
  drip: "headers, then a byte every 50 ms",
  huge: "12 MiB body (over the 8 MiB cap)",
  bomb: "gzip bomb (12 MiB decoded)",
  redirect: "302 elsewhere",
  "retry-after-absurd": "429 with `Retry-After: 99999999999999999999`",
  "control-chars": "escape sequences and CR LF in the message",
  "echo-secret": "the request's secrets echoed in the message",
  "gigya-403042": "Gigya 403042 (password / stale key)",
  "gigya-403101": "Gigya 403101 (two-factor)",
  "gigya-403005": "Gigya 403005 (login expired)",
  "gigya-403013": "Gigya 403013 (login expired)",
};
type Times = "once" | "always";

interface Cell {
  readonly kind: FaultKind;
  readonly times: Times;
  readonly operation: Operation;
  /** What the table shows. */
  readonly text: string;
  readonly applicable: boolean;
  readonly recovered: boolean;
  readonly typed: boolean;
  readonly requests: number;
  readonly duplicatedActions: number;
  readonly fileProblem: string | undefined;
  readonly leaks: readonly string[];
  /** A terminal control character in an output (CLI stdout/stderr, error messages). */
  readonly controlChars: boolean;
}

const cells: Cell[] = [];

/** Where a fault goes: the operation's own request when once, every request it applies to when always. */
function faultSpec(kind: FaultKind, times: Times, operation: Operation): string | undefined {
  const gigya = kind.startsWith("gigya-");
  if (operation === "login" && KAMEREON_KINDS.has(kind)) return undefined;
  if (times === "always") return `${kind}@*:*`;
  if (gigya) return `${kind}@${operation === "login" ? "login" : "jwt"}`;
  const target = { login: "login", read: "cockpit", action: "hvac-start", cli: "battery-status" }[operation];
  return `${kind}@${target}`;
}

/** Gigya faults only matter when a Gigya call is due: those rows start with the JWT dropped. */
const needsJwtRenewal = (kind: FaultKind) => kind.startsWith("gigya-");
/** An expired login is the one fault after which losing the login token is right. */
const expiresLogin = (kind: FaultKind) => kind === "gigya-403005" || kind === "gigya-403013";

// --- one cell -------------------------------------------------------------------------------------

interface Run {
  readonly ok: boolean;
  readonly text: string;
  readonly typed: boolean;
  /** Every text the run produced: errors (message, stack, JSON, causes), traces, CLI output. */
  readonly outputs: string;
}

async function runCell(kind: FaultKind, times: Times, operation: Operation): Promise<Cell> {
  const spec = faultSpec(kind, times, operation);
  const base = { kind, times, operation };
  if (spec === undefined) {
    return {
      ...base,
      text: "— (no Kamereon request)",
      applicable: false,
      recovered: false,
      typed: false,
      requests: 0,
      duplicatedActions: 0,
      fileProblem: undefined,
      leaks: [],
      controlChars: false,
    };
  }
  const sim = await startSimulator();
  const dir = await mkdtemp(join(tmpdir(), "renault-matrix-"));
  try {
    const prepared = await prepare(sim, dir, operation, kind);
    const vin = sim.demo.vins[CAR];
    const actionsBefore = sim.world.vehicle(vin).state.actions.length;
    const since = sim.requests.at(-1)?.seq ?? 0;
    sim.addFault(spec);
    const run = await prepared.run();
    sim.clearFaults();
    // Let hanging requests be recorded (they are, on arrival) before counting.
    const sent = sim.requests.filter((request) => request.seq > since);
    // A POST refused for its JWT (401) reached nothing; any other may have reached the car.
    const actionPosts = sent.filter(
      (request) => request.method === "POST" && request.service === "kamereon" && request.status !== 401,
    );
    const accepted = sim.world.vehicle(vin).state.actions.length - actionsBefore;
    const allowedActions = operation === "action" ? 1 : 0;
    const duplicatedActions = Math.max(0, actionPosts.length - allowedActions, accepted - allowedActions);
    const file = await readFile(prepared.credentials, "utf8").catch(() => undefined);
    const fileProblem = checkFile(file, {
      mustHoldToken: operation === "login" ? run.ok : !expiresLogin(kind),
      password: sim.demo.password,
    });
    const secrets = secretsOf(sim, file, prepared.secrets);
    const leaks = Object.entries(secrets)
      .filter(([, value]) => value.length >= 4 && run.outputs.includes(value))
      .map(([name]) => name);
    if (/eyJ[\w-]{4,}\.[\w-]{4,}\./.test(run.outputs)) leaks.push("JWT-shaped string");
    if (/st2\.s\.[\w-]/.test(run.outputs)) leaks.push("login-token-shaped string");
    const count = `${sent.length} req`;
    return {
      ...base,
      text: run.ok ? `recovered (${count})` : `${run.text} (${count})`,
      applicable: true,
      recovered: run.ok,
      typed: run.typed,
      requests: sent.length,
      duplicatedActions,
      fileProblem,
      leaks,
      controlChars: CONTROL.test(run.outputs),
    };
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

interface Prepared {
  readonly credentials: string;
  /** Secrets known before the operation (the password, the keys). */
  readonly secrets: Readonly<Record<string, string>>;
  run(): Promise<Run>;
}

/** Sets up what the operation needs (a login, a credential file) without any fault. */
async function prepare(
  sim: Simulator,
  dir: string,
  operation: Operation,
  kind: FaultKind,
): Promise<Prepared> {
  const secrets = {
    password: sim.demo.password,
    gigyaApiKey: sim.gigyaApiKey,
    kamereonApiKey: sim.kamereonApiKey,
  };
  if (operation === "cli") {
    const home = await loggedInHome(sim, CAR);
    // Like the library rows: a JWT is cached (a previous command minted it), except on Gigya rows.
    if (needsJwtRenewal(kind)) await dropJwt(home.credentials);
    else
      await new RenaultSession({
        ...sessionOptions(sim),
        credentialStore: new FileCredentialStore(home.credentials),
      }).getJwt();
    return {
      credentials: home.credentials,
      secrets,
      run: async () => {
        // Short waits on the `hang` rows: the CLI's own setting (RENAULT_API_TIMEOUT, seconds).
        // One request at a time: with status's reads and its /myr request sent concurrently, how many
        // went out before a quota lockout stopped the rest depended on timing (the document must not).
        const env = {
          RENAULT_API_CONCURRENCY: "1",
          ...(SLOW_KINDS.has(kind) ? { RENAULT_API_TIMEOUT: String(HANG_TIMEOUT / 1000) } : {}),
        };
        const result = await home.run(["status", "--json", "--debug"], { env });
        const outputs = `${result.stdout}\n${result.stderr}`;
        const errorLine = result.stderr
          .split("\n")
          .find((line) => line.startsWith("Error: "))
          ?.slice("Error: ".length);
        let failedRows: string[];
        try {
          const data = JSON.parse(result.stdout) as Record<string, { error?: { name?: string } }>;
          failedRows = Object.entries(data).flatMap(([name, value]) =>
            value.error ? [`${name}: ${value.error.name ?? "?"}`] : [],
          );
        } catch {
          failedRows = [];
        }
        const ok = result.code === 0 && failedRows.length === 0;
        const parts = [`exit ${result.code}`];
        if (failedRows.length > 0) parts.push(`rows ${failedRows.join(", ")}`);
        if (errorLine) parts.push(`"${shorten(errorLine)}"`);
        const internal = /internal error/.test(result.stderr);
        return { ok, text: parts.join(", "), typed: !internal, outputs };
      },
    };
  }
  const credentials = join(dir, "credentials.json");
  const options = { ...sessionOptions(sim), ...(SLOW_KINDS.has(kind) ? { timeout: HANG_TIMEOUT } : {}) };
  if (operation !== "login") {
    const setup = new RenaultSession({ ...options, credentialStore: new FileCredentialStore(credentials) });
    await setup.login(sim.demo.email, sim.demo.password);
    await setup.getJwt();
    if (needsJwtRenewal(kind)) await dropJwt(credentials);
  }
  // A new session on the file, as a new process (or the next poll) would.
  const traces: TraceEvent[] = [];
  const warnings: string[] = [];
  const session = new RenaultSession({
    ...options,
    credentialStore: new FileCredentialStore(credentials),
    onTrace: (event) => traces.push(event),
    logger: { warn: (message) => warnings.push(message) },
  });
  const vehicle = new RenaultVehicle({
    session,
    accountId: sim.demo.renaultAccountId,
    vin: sim.demo.vins[CAR],
    details: { vin: sim.demo.vins[CAR], model: { code: "X102VE" } },
  });
  const call = {
    login: () => session.login(sim.demo.email, sim.demo.password),
    read: () => vehicle.getCockpit(),
    action: () => vehicle.startHvac(21),
  }[operation];
  return {
    credentials,
    secrets,
    run: async () => {
      const context = () =>
        `${traces.map((event) => JSON.stringify(event)).join("\n")}\n${warnings.join("\n")}`;
      try {
        const value = await call();
        return {
          ok: true,
          text: "recovered",
          typed: true,
          outputs: `${JSON.stringify(value)}\n${context()}`,
        };
      } catch (error) {
        const typed = error instanceof RenaultError;
        const name = error instanceof Error ? error.name : String(error);
        return {
          ok: false,
          text: typed ? name : `UNTYPED ${name}`,
          typed,
          outputs: `${exposed(error)}\n${context()}`,
        };
      }
    },
  };
}

function sessionOptions(sim: Simulator) {
  return {
    locale: "fr_FR",
    gigyaUrl: sim.gigyaUrl,
    gigyaApiKey: sim.gigyaApiKey,
    kamereonUrl: sim.kamereonUrl,
    kamereonApiKey: sim.kamereonApiKey,
    retry: { delay: () => 0 },
  };
}

async function dropJwt(path: string): Promise<void> {
  const values = JSON.parse(await readFile(path, "utf8")) as Record<string, string>;
  const kept = Object.fromEntries(Object.entries(values).filter(([key]) => key !== CredentialKey.jwt));
  await writeFile(path, JSON.stringify(kept, null, 2));
}

/** Everything an error exposes: message, stack, JSON, string, its causes. */
function exposed(error: unknown): string {
  let text = "";
  for (let current = error, depth = 0; current !== undefined && depth < 6; depth++) {
    if (!(current instanceof Error)) {
      text += `${JSON.stringify(current) ?? "undefined"}\n`;
      break;
    }
    text += `${current.message}\n${current.stack ?? ""}\n${JSON.stringify(current)}\n${String(current)}\n`;
    current = current.cause;
  }
  return text;
}

/** Every secret the run could have seen: what went over the wire and what the file holds. */
function secretsOf(
  sim: Simulator,
  file: string | undefined,
  known: Readonly<Record<string, string>>,
): Record<string, string> {
  const secrets: Record<string, string> = { ...known };
  sim.requests.forEach((request, index) => {
    const form = (request.json ?? {}) as Record<string, unknown>;
    for (const name of ["login_token", "password", "regToken"]) {
      if (typeof form[name] === "string") secrets[`${name} #${index}`] = form[name];
    }
    if (request.headers["x-gigya-id_token"]) secrets[`JWT #${index}`] = request.headers["x-gigya-id_token"];
    if (request.headers.apikey) secrets[`apikey #${index}`] = request.headers.apikey;
    if (request.query.login_token) secrets[`login_token #${index}`] = request.query.login_token;
  });
  try {
    const values = JSON.parse(file ?? "{}") as Record<string, string>;
    for (const key of [CredentialKey.loginToken, CredentialKey.jwt, CredentialKey.gmid, CredentialKey.ucid]) {
      if (values[key]) secrets[`file ${key}`] = values[key];
    }
  } catch {
    // A broken file is reported by checkFile.
  }
  return secrets;
}

/** Why the credential file is not intact, or undefined. */
function checkFile(
  text: string | undefined,
  expected: { readonly mustHoldToken: boolean; readonly password: string },
): string | undefined {
  if (text === undefined) return expected.mustHoldToken ? "missing" : undefined;
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  if (typeof values !== "object" || values === null || Array.isArray(values)) return "not an object";
  if (Object.values(values).some((value) => typeof value !== "string")) return "a value is not a string";
  if (text.includes(expected.password)) return "holds the password";
  const token = (values as Record<string, string>)[CredentialKey.loginToken];
  if (expected.mustHoldToken && !token) return "login token lost";
  return undefined;
}

/** One line for a table cell: no port or clock time (the document must not change between runs). */
function shorten(text: string, max = 70): string {
  const line = text
    .replace(/http:\/\/127\.0\.0\.1:\d+/g, "")
    .replace(/\b(\d{4}-\d\d-\d\d )?\d\d:\d\d\b/g, "hh:mm")
    .replaceAll("|", "\\|");
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

// --- the tests ------------------------------------------------------------------------------------

const ROWS = KINDS.flatMap((kind) => (["once", "always"] as const).map((times) => [kind, times] as const));

describe.each(ROWS)("%s %s", (kind, times) => {
  test.each(OPERATIONS)("× %s", { timeout: 30_000 }, async (operation) => {
    const cell = await runCell(kind, times, operation);
    cells.push(cell);
    expect(cell.duplicatedActions, "an action sent twice").toBe(0);
    expect(cell.fileProblem, "credential file").toBeUndefined();
    expect(cell.leaks, "secrets in the output").toEqual([]);
    expect(cell.controlChars, "terminal control characters in the output").toBe(false);
    if (cell.applicable) expect(cell.typed, `untyped outcome: ${cell.text}`).toBe(true);
  });
});

describe("what the matrix must show", () => {
  const cell = (kind: FaultKind, times: Times, operation: Operation) =>
    cells.find((entry) => entry.kind === kind && entry.times === times && entry.operation === operation);

  test("a single transient fault on a read is recovered; on an action it is not repeated", () => {
    for (const kind of ["5xx", "upstream", "502html", "reset", "hang", "unauthorized"] as const) {
      expect(cell(kind, "once", "read")?.recovered, kind).toBe(true);
      expect(cell(kind, "once", "cli")?.recovered, kind).toBe(true);
    }
    for (const kind of ["5xx", "upstream", "502html", "reset", "hang"] as const) {
      expect(cell(kind, "once", "action")?.recovered, kind).toBe(false);
      expect(cell(kind, "once", "action")?.requests, kind).toBe(1);
    }
    // A rejected JWT is re-minted and the action repeated once: the first one was refused unseen.
    expect(cell("unauthorized", "once", "action")?.recovered).toBe(true);
  });

  test("hostile servers (issue 20): stalls time out, big bodies and redirects are typed errors", () => {
    for (const kind of ["stall", "drip"] as const) {
      expect(cell(kind, "once", "read")?.recovered, kind).toBe(true);
      expect(cell(kind, "once", "cli")?.recovered, kind).toBe(true);
      expect(cell(kind, "always", "read")?.text, kind).toMatch(/^TimeoutError/);
      expect(cell(kind, "once", "action")?.text, kind).toBe("TimeoutError (1 req)");
    }
    for (const kind of ["huge", "bomb"] as const) {
      for (const operation of ["read", "action"] as const)
        expect(cell(kind, "once", operation)?.text, `${kind} ${operation}`).toBe(
          "ResponseTooLargeError (1 req)",
        );
    }
    expect(cell("redirect", "always", "read")?.text).toBe("RedirectError (1 req)");
    expect(cell("retry-after-absurd", "always", "cli")?.text).toMatch(/^exit 4, "quota reached/);
    expect(cell("echo-secret", "always", "cli")?.text).toMatch(/\*\*\*/);
  });

  test("persistent faults end with a bounded number of requests", () => {
    for (const entry of cells.filter((candidate) => candidate.applicable)) {
      expect(entry.requests, `${entry.kind} ${entry.times} ${entry.operation}`).toBeLessThanOrEqual(30);
    }
  });
});

afterAll(async () => {
  if (cells.length !== ROWS.length * OPERATIONS.length) return; // a filtered run writes nothing
  const text = (kind: FaultKind, times: Times, operation: Operation) =>
    cells.find((entry) => entry.kind === kind && entry.times === times && entry.operation === operation)
      ?.text ?? "?";
  const tried = cells.filter((entry) => entry.applicable);
  const summary = {
    tried: tried.length,
    recovered: tried.filter((entry) => entry.recovered).length,
    typed: tried.filter((entry) => !entry.recovered && entry.typed).length,
    duplicated: cells.reduce((sum, entry) => sum + entry.duplicatedActions, 0),
    corrupted: cells.filter((entry) => entry.fileProblem !== undefined).length,
    leaked: cells.reduce((sum, entry) => sum + entry.leaks.length, 0),
  };
  const lines = [
    "# Fault matrix",
    "",
    "Generated by `test/fault-matrix.test.ts` (`npx vitest run test/fault-matrix.test.ts`); do not edit by hand.",
    "",
    "Every fault kind of the simulator (`src/simulator/faults.ts`) × every kind of operation, each cell",
    "on a fresh simulator and a fresh credential file. **once**: one fault, on the operation's own",
    "request (`accounts.login`; `cockpit`; `hvac-start`; the CLI's `battery-status`; `accounts.getJWT`",
    "for the Gigya codes). **always**: the fault on every request it applies to (`kind@*:*`). Rows with",
    "a Gigya code start with the cached JWT dropped, so that the operation has to renew it.",
    "",
    "A cell shows the outcome — `recovered`, the typed error the library throws, or the CLI's exit",
    "code, failed `status` rows (by error class) and `Error:` line — and the requests the simulator",
    "received during the operation, Gigya included. Library calls use `retry: { delay: () => 0 }` and",
    "the CLI `RENAULT_API_RETRY_DELAY=0` and `RENAULT_API_CONCURRENCY=1` (a stable count): both retry without waiting. The `hang` rows use a",
    `${HANG_TIMEOUT} ms per-attempt timeout (the CLI through \`RENAULT_API_TIMEOUT\`). Login sends no`,
    "Kamereon request: Kamereon-only kinds do not apply.",
    "",
    "Checked in every cell: no action sent twice (recorded POSTs and the car's accepted actions), the",
    "credential file is valid JSON of strings without the password and keeps its login token (unless",
    "the fault is an expired login, or a login that failed), and no password, login token, JWT, device",
    "id or API key — nor anything shaped like a JWT or login token — appears in any output (errors",
    "with their stacks and causes, traces, warnings, CLI stdout and stderr with `--debug`).",
    "",
    "`unauthorized` once × CLI `status`: the concurrent reads refused with the same JWT share one",
    "re-mint (see [reliability.md](reliability.md)).",
    "",
    `| Fault | ${OPERATIONS.map((operation) => OPERATION_TITLES[operation]).join(" | ")} |`,
    `| --- | ${OPERATIONS.map(() => "---").join(" | ")} |`,
    ...ROWS.map(
      ([kind, times]) =>
        `| \`${kind}\` ${times}: ${DESCRIPTIONS[kind] ?? kind} | ${OPERATIONS.map((operation) => text(kind, times, operation)).join(" | ")} |`,
    ),
    "",
    `**Summary:** ${summary.tried} faults × operations tried (${ROWS.length} fault rows × ${OPERATIONS.length} operations, ` +
      `${cells.length - summary.tried} not applicable); ${summary.recovered} recovered; ${summary.typed} typed errors; ` +
      `${summary.duplicated} duplicated actions; ${summary.corrupted} corrupted credential files; ` +
      `${summary.leaked} leaked secrets.`,
    "",
  ];
  const document = new URL("../docs/fault-matrix.md", import.meta.url);
  const expected = lines.join("\n");
  // A tracked file is rewritten only when asked to; otherwise a stale document fails the run.
  if (process.env.UPDATE_FAULT_MATRIX === "1") await writeFile(document, expected);
  console.log(lines.at(-2));
  expect(await readFile(document, "utf8"), "docs/fault-matrix.md is stale: npm run docs:fault-matrix").toBe(
    expected,
  );
  expect(summary.duplicated).toBe(0);
  expect(summary.corrupted).toBe(0);
  expect(summary.leaked).toBe(0);
});
