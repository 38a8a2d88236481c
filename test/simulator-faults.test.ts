/**
 * The real world's hard parts on demand: the fault spec language, each fault kind as the client
 * sees it, the per-account quota, JWT expiry and latency, all over real HTTP.
 */
import { describe, expect, test } from "vitest";
import {
  ChargeModeInProgressError,
  ConfigurationError,
  FailedForwardError,
  ForbiddenError,
  HttpError,
  InvalidApiKeyError,
  InvalidCredentialsError,
  InvalidUpstreamError,
  KamereonError,
  NetworkError,
  NotAuthenticatedError,
  NotSupportedError,
  PrivacyModeOnError,
  QuotaLimitError,
  ResourceNotFoundError,
  TimeoutError,
  TwoFactorRequiredError,
} from "../src/errors.js";
import { RenaultSession } from "../src/session.js";
import { parseFaultSpec, startSimulator, type Simulator } from "../src/simulator/index.js";
import { loggedInSession, requestsTo, simOptions, useSimulator } from "./support/sim.js";

const T0 = Date.parse("2026-03-01T12:00:00Z");
const MINUTE = 60_000;

function carPath(sim: Simulator, model: keyof Simulator["demo"]["vins"], leaf: string): string {
  const car = sim.demo.models.find((entry) => entry.model === model)!;
  return `/commerce/v1/accounts/${car.accountId}/kamereon/kca/car-adapter/${leaf.replace("{vin}", car.vin)}`;
}
const cockpit = (sim: Simulator, model: keyof Simulator["demo"]["vins"] = "zoe40") =>
  carPath(sim, model, "v1/cars/{vin}/cockpit");
const battery = (sim: Simulator) => carPath(sim, "zoe40", "v2/cars/{vin}/battery-status");

describe("parseFaultSpec", () => {
  test("parses the documented example", () => {
    expect(
      parseFaultSpec(
        "502html@3,proxy@battery-status,reset@5,hang@cockpit,privacy@location:*,gigya-403042@login,gigya-403101@login,5xx@*:2",
      ),
    ).toEqual([
      { kind: "502html", target: 3, count: 1 },
      { kind: "5xx", target: "battery-status", count: 1 },
      { kind: "reset", target: 5, count: 1 },
      { kind: "hang", target: "cockpit", count: 1 },
      { kind: "privacy", target: "location", count: Infinity },
      { kind: "gigya-403042", target: "login", count: 1 },
      { kind: "gigya-403101", target: "login", count: 1 },
      { kind: "5xx", target: "*", count: 2 },
    ]);
  });

  test("tolerates spaces and case, and an empty spec means no faults", () => {
    expect(parseFaultSpec(" Quota@actions/hvac-start : 3 , unauthorized@VF1AAAAA555777999")).toEqual([
      { kind: "quota", target: "actions/hvac-start", count: 3 },
      { kind: "unauthorized", target: "VF1AAAAA555777999", count: 1 },
    ]);
    expect(parseFaultSpec("")).toEqual([]);
    expect(parseFaultSpec("  ")).toEqual([]);
  });

  test.each([
    ["boom@cockpit", /item 1 "boom@cockpit": unknown kind "boom"/],
    ["5xx", /missing "@target"/],
    ["5xx@", /missing target after "@"/],
    ["5xx@cockpit:0", /invalid count "0"/],
    ["5xx@cockpit:many", /invalid count "many"/],
    ["5xx@0", /request numbers start at 1/],
    ["5xx@cock pit", /invalid target "cock pit"/],
    ["5xx@cock*", /invalid target "cock\*"/],
    ["reset@2,,hang@3", /item 2 "": empty item/],
    ["5xx@login", /5xx only applies to Kamereon requests/],
    ["gigya-403042@cockpit", /gigya-403042 only applies to Gigya calls/],
    ["gigya-42@login", /unknown kind "gigya-42"/],
  ])("refuses %j with a clear ConfigurationError", (spec, message) => {
    let error: unknown;
    try {
      parseFaultSpec(spec);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/expected kind@target\[:count\]/);
  });

  test("the options take spec strings and structured specs, mixed", async () => {
    const sim = await useSimulator({
      faults: ["reset@4", { kind: "privacy", target: "location", count: Infinity }, "proxy@cockpit:2"],
    });
    expect(sim.faults).toEqual([
      { kind: "reset", target: 4, remaining: 1 },
      { kind: "privacy", target: "location", remaining: Infinity },
      { kind: "5xx", target: "cockpit", remaining: 2 },
    ]);
    expect(() => {
      sim.addFault({ kind: "hang", target: "cockpit", count: 0 });
    }).toThrow(/Invalid fault spec \{"kind":"hang","target":"cockpit","count":0\}: invalid count "0"/);
  });

  test("invalid options and faults are refused before the server starts, and by addFault", async () => {
    await expect(startSimulator({ faults: "5xx@login" })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(startSimulator({ quota: 0 })).rejects.toThrow(/quota must be a positive integer/);
    await expect(startSimulator({ latency: [50, 10] })).rejects.toThrow(/latency/);
    await expect(startSimulator({ jwtTtl: -1 })).rejects.toThrow(/jwtTtl/);
    const sim = await useSimulator();
    expect(() => {
      sim.addFault("nope@1");
    }).toThrow(ConfigurationError);
    expect(() => {
      sim.addFault({ kind: "5xx", target: "login" });
    }).toThrow(/only applies to Kamereon/);
    expect(sim.faults).toEqual([]);
  });
});

describe("each Kamereon fault kind, as the client sees it", () => {
  test.each([
    ["5xx", FailedForwardError, { status: 500, code: "err.tech.wired.kamereon-proxy" }],
    ["proxy", FailedForwardError, { status: 500, code: "err.tech.wired.kamereon-proxy" }],
    ["upstream", InvalidUpstreamError, { status: 500, code: "err.tech.500" }],
    ["502html", HttpError, { status: 502 }],
    ["privacy", PrivacyModeOnError, { status: 403, code: "err.func.privacy.on" }],
    ["forbidden", ForbiddenError, { status: 403, code: "err.func.wired.forbidden" }],
    ["notfound", ResourceNotFoundError, { status: 404, code: "err.func.wired.notFound" }],
    ["notsupported", NotSupportedError, { status: 501, code: "err.tech.501" }],
    ["inprogress", ChargeModeInProgressError, { status: 409, code: "409001" }],
    ["apikey", InvalidApiKeyError, { status: 403, code: "access_denied" }],
  ] as const)("%s → %o", async (kind, ErrorClass, fields) => {
    const sim = await useSimulator();
    const session = await loggedInSession(sim, { retry: false });
    sim.addFault(`${kind}@cockpit`);
    const error = await session.request("GET", cockpit(sim)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject(fields);
    if (kind === "502html") expect(error).not.toBeInstanceOf(KamereonError);
    const hit = sim.requests.at(-1)!;
    expect(hit).toMatchObject({
      endpoint: "cockpit",
      fault: kind === "proxy" ? "5xx" : kind,
      status: fields.status,
    });
    // Used up: the next read is answered normally.
    await expect(session.request("GET", cockpit(sim))).resolves.toMatchObject({
      data: { attributes: { totalMileage: 49114.27 } },
    });
    expect(sim.requests.at(-1)?.fault).toBeUndefined();
  });

  test("quota → QuotaLimitError with the Retry-After of the answer", async () => {
    const sim = await useSimulator({ now: () => T0 });
    const session = await loggedInSession(sim, { now: () => T0, retry: false });
    sim.addFault("quota@cockpit");
    const error = (await session
      .request("GET", cockpit(sim))
      .catch((caught: unknown) => caught)) as QuotaLimitError;
    expect(error).toBeInstanceOf(QuotaLimitError);
    expect(error).toMatchObject({
      status: 429,
      code: "err.func.wired.overloaded",
      retryAfter: 900,
      retryAt: T0 + 900_000,
    });
  });

  test("reset → NetworkError; hang → TimeoutError, and close() still returns", async () => {
    const sim = await startSimulator({ faults: "reset@cockpit,hang@battery-status" });
    try {
      const session = await loggedInSession(sim, { retry: false, timeout: 300 });
      await expect(session.request("GET", cockpit(sim))).rejects.toBeInstanceOf(NetworkError);
      const started = Date.now();
      await expect(session.request("GET", battery(sim))).rejects.toBeInstanceOf(TimeoutError);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(
        sim.requests.slice(-2).map((request) => [request.endpoint, request.fault, request.status]),
      ).toEqual([
        ["cockpit", "reset", undefined],
        ["battery-status", "hang", undefined],
      ]);
    } finally {
      await sim.close();
    }
  });

  test("a transient 5xx on reads is retried by the client: 5xx@battery-status:2 then data", async () => {
    const sim = await useSimulator({ faults: "5xx@battery-status:2" });
    expect(sim.faults).toEqual([{ kind: "5xx", target: "battery-status", remaining: 2 }]);
    const session = await loggedInSession(sim);
    await expect(session.request("GET", battery(sim))).resolves.toMatchObject({
      data: { attributes: { batteryLevel: 50 } },
    });
    expect(requestsTo(sim, "kamereon").map((request) => [request.status, request.fault])).toEqual([
      [500, "5xx"],
      [500, "5xx"],
      [200, undefined],
    ]);
    expect(sim.faults).toEqual([]);
  });

  test("unauthorized revokes the JWT it hit: the client re-mints once and the old JWT stays refused", async () => {
    const sim = await useSimulator({ faults: "unauthorized@cockpit" });
    const session = await loggedInSession(sim);
    const oldJwt = await session.getJwt();
    await expect(session.request("GET", cockpit(sim))).resolves.toMatchObject({
      data: { id: sim.demo.vins.zoe40 },
    });
    const since = sim.requests.find((request) => request.fault === "unauthorized")!.seq;
    expect(
      sim.requests
        .filter((request) => request.seq >= since)
        .map((request) => [request.endpoint, request.status]),
    ).toEqual([
      ["cockpit", 401],
      ["jwt", 200],
      ["cockpit", 200],
    ]);
    const newJwt = await session.getJwt();
    expect(newJwt).not.toBe(oldJwt);
    const replay = await fetch(`${sim.kamereonUrl}${cockpit(sim)}?country=FR`, {
      headers: { apikey: sim.kamereonApiKey, "x-gigya-id_token": oldJwt },
    });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({
      errors: [{ errorCode: "err.func.wired.unauthorized", errorMessage: "JWT revoked" }],
    });
  });
});

describe("targets and counts", () => {
  test("a request number hits exactly that request", async () => {
    const sim = await useSimulator();
    const session = await loggedInSession(sim, { retry: false });
    await session.getJwt();
    const next = sim.requests.length + 2;
    sim.addFault(`502html@${next}`);
    await expect(session.request("GET", cockpit(sim))).resolves.toBeDefined();
    await expect(session.request("GET", cockpit(sim))).rejects.toMatchObject({ status: 502 });
    await expect(session.request("GET", cockpit(sim))).resolves.toBeDefined();
    expect(sim.requests.filter((request) => request.fault).map((request) => request.seq)).toEqual([next]);
  });

  test("* hits every request of the kind's service, up to its count; Gigya is not touched by Kamereon kinds", async () => {
    const sim = await useSimulator({ faults: "notfound@*:2" });
    const session = await loggedInSession(sim, { retry: false });
    await expect(session.request("GET", cockpit(sim))).rejects.toBeInstanceOf(ResourceNotFoundError);
    await expect(session.request("GET", battery(sim))).rejects.toBeInstanceOf(ResourceNotFoundError);
    await expect(session.request("GET", cockpit(sim))).resolves.toBeDefined();
    expect(requestsTo(sim, "gigya").every((request) => request.fault === undefined)).toBe(true);
  });

  test("endpoint names select exactly, :* never runs out, keys and VINs select too", async () => {
    const sim = await useSimulator({
      faults: `privacy@location:*,forbidden@hvac-stop,notsupported@VF1AAAAA555777050`,
    });
    const session = await loggedInSession(sim, { retry: false });
    const location = carPath(sim, "r5", "v1/cars/{vin}/location");
    for (let read = 0; read < 3; read++)
      await expect(session.request("GET", location)).rejects.toBeInstanceOf(PrivacyModeOnError);
    // `location` does not hit `actions/refresh-location`.
    await expect(
      session.request("POST", carPath(sim, "r5", "v1/cars/{vin}/actions/refresh-location"), {
        body: { data: { type: "RefreshLocation" } },
      }),
    ).resolves.toMatchObject({ data: { type: "RefreshLocation" } });
    // `hvac-stop` is the logical key of a cancel/stop body on the hvac-start URL, not of a start.
    const hvac = carPath(sim, "r5", "v1/cars/{vin}/actions/hvac-start");
    const start = { data: { type: "HvacStart", attributes: { action: "start", targetTemperature: 20 } } };
    await expect(session.request("POST", hvac, { body: start })).resolves.toBeDefined();
    await expect(
      session.request("POST", hvac, {
        body: { data: { type: "HvacStart", attributes: { action: "stop" } } },
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    // A VIN selects that car's requests only.
    await expect(session.request("GET", cockpit(sim, "zoe40"))).resolves.toBeDefined();
    await expect(session.request("GET", cockpit(sim, "zoe50"))).rejects.toBeInstanceOf(NotSupportedError);
    expect(sim.faults).toEqual([{ kind: "privacy", target: "location", remaining: Infinity }]);
    sim.clearFaults();
    await expect(session.request("GET", location)).resolves.toMatchObject({
      data: { attributes: { gpsLatitude: 91 } },
    });
  });
});

describe("Gigya faults", () => {
  test("gigya-403042@login → InvalidCredentialsError (a stale key looks the same), then a login works", async () => {
    const sim = await useSimulator({ faults: "gigya-403042@login" });
    const session = new RenaultSession(simOptions(sim));
    const error = await session.login(sim.demo.email, sim.demo.password).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error).toMatchObject({ code: 403042, details: "invalid loginID or password" });
    await expect(session.login(sim.demo.email, sim.demo.password)).resolves.toBeUndefined();
  });

  test("gigya-403101@login → TwoFactorRequiredError with a challenge the simulator knows", async () => {
    const sim = await useSimulator({ faults: "gigya-403101@login" });
    const session = new RenaultSession(simOptions(sim));
    const error = await session.login(sim.demo.email, sim.demo.password).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TwoFactorRequiredError);
    expect(error).toMatchObject({ code: 403101, details: "Pending Two-Factor Authentication" });
    const login = sim.requests.find((request) => request.fault === "gigya-403101")!;
    expect(login.endpoint).toBe("login");
    // The regToken is a real pending login: the client's next step (initTFA) is answered.
    expect(
      sim.requests.filter((request) => request.seq > login.seq).map((request) => request.endpoint),
    ).toContain("accounts.tfa.initTFA");
  });

  test("other Gigya codes and calls get the bare Gigya error body", async () => {
    const sim = await useSimulator({ faults: "gigya-400006@login,gigya-403101@account-info" });
    const session = new RenaultSession(simOptions(sim));
    await expect(session.login(sim.demo.email, sim.demo.password)).rejects.toMatchObject({
      name: "GigyaError",
      code: 400006,
      details: "Simulated Gigya error",
    });
    await session.login(sim.demo.email, sim.demo.password);
    await expect(session.getPersonId()).rejects.toBeInstanceOf(TwoFactorRequiredError);
    expect(sim.requests.find((request) => request.fault === "gigya-403101")).toMatchObject({
      endpoint: "account-info",
      status: 200,
    });
  });

  test("gigya-403005@jwt → NotAuthenticatedError (login expired)", async () => {
    const sim = await useSimulator({ faults: "gigya-403005@jwt" });
    const session = await loggedInSession(sim);
    await expect(session.request("GET", cockpit(sim))).rejects.toBeInstanceOf(NotAuthenticatedError);
    expect(sim.requests.at(-1)).toMatchObject({ endpoint: "jwt", fault: "gigya-403005" });
  });
});

describe("quota", () => {
  test("N requests per account per sliding hour, then 429 with Retry-After until the oldest leaves", async () => {
    const clock = { now: T0 };
    const sim = await useSimulator({ quota: 3, now: () => clock.now });
    const session = await loggedInSession(sim, { now: () => clock.now, retry: false });
    for (const minute of [0, 10, 20]) {
      clock.now = T0 + minute * MINUTE;
      await expect(session.request("GET", cockpit(sim))).resolves.toBeDefined();
    }
    // The person read and the other account are not counted against account-id-1.
    await expect(session.request("GET", "/commerce/v1/persons/person-id-1")).resolves.toBeDefined();
    await expect(session.request("GET", cockpit(sim, "spring"))).resolves.toBeDefined();

    clock.now = T0 + 30 * MINUTE;
    const error = (await session
      .request("GET", cockpit(sim))
      .catch((caught: unknown) => caught)) as QuotaLimitError;
    expect(error).toBeInstanceOf(QuotaLimitError);
    expect(error).toMatchObject({
      status: 429,
      code: "err.func.wired.overloaded",
      retryAfter: 30 * 60,
      retryAt: T0 + 60 * MINUTE,
    });
    expect(sim.requests.at(-1)?.status).toBe(429);
    expect(sim.requests.at(-1)?.fault).toBeUndefined();

    clock.now = T0 + 60 * MINUTE;
    await expect(session.request("GET", cockpit(sim))).resolves.toBeDefined();
    clock.now = T0 + 61 * MINUTE;
    // Window now holds the reads of minutes 10, 20 and 60: wait until minute 70.
    await expect(session.request("GET", cockpit(sim))).rejects.toMatchObject({ retryAt: T0 + 70 * MINUTE });
  });

  test("the quota window is configurable", async () => {
    const clock = { now: T0 };
    const sim = await useSimulator({ quota: 1, quotaWindow: 60, now: () => clock.now });
    const session = await loggedInSession(sim, { now: () => clock.now, retry: false });
    await session.request("GET", cockpit(sim));
    await expect(session.request("GET", cockpit(sim))).rejects.toMatchObject({ retryAfter: 60 });
    clock.now += 61_000;
    await expect(session.request("GET", cockpit(sim))).resolves.toBeDefined();
  });
});

describe("JWT expiry", () => {
  test("jwtTtl caps the lifetime; Kamereon rejects an expired JWT, and the client re-mints", async () => {
    const simClock = { now: T0 };
    const sim = await useSimulator({ jwtTtl: 120, now: () => simClock.now });
    // The client's clock lags, so it still believes its JWT valid when the server does not.
    const session = await loggedInSession(sim, { now: () => T0 });
    const jwt = await session.getJwt();
    const claims = JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as {
      iat: number;
      exp: number;
    };
    expect(claims.exp - claims.iat).toBe(120);

    simClock.now = T0 + 121_000;
    const raw = await fetch(`${sim.kamereonUrl}${cockpit(sim)}?country=FR`, {
      headers: { apikey: sim.kamereonApiKey, "x-gigya-id_token": jwt },
    });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({
      errors: [{ errorCode: "err.func.wired.unauthorized", errorMessage: "JWT expired" }],
    });

    const since = sim.requests.length;
    await expect(session.request("GET", cockpit(sim))).resolves.toBeDefined();
    expect(sim.requests.slice(since).map((request) => [request.endpoint, request.status])).toEqual([
      ["cockpit", 401],
      ["jwt", 200],
      ["cockpit", 200],
    ]);
  });

  test("a client sharing the clock renews before expiry and is never refused", async () => {
    const clock = { now: T0 };
    const sim = await useSimulator({ jwtTtl: 120, now: () => clock.now });
    const session = await loggedInSession(sim, { now: () => clock.now });
    await session.request("GET", cockpit(sim));
    clock.now += 100_000;
    await session.request("GET", cockpit(sim));
    expect(requestsTo(sim, "kamereon").map((request) => request.status)).toEqual([200, 200]);
    expect(requestsTo(sim, "gigya").filter((request) => request.endpoint === "jwt")).toHaveLength(2);
  });
});

describe("latency and the request log", () => {
  test("a fixed latency delays every answer", async () => {
    const sim = await useSimulator({ latency: 150 });
    const started = Date.now();
    const response = await fetch(`${sim.kamereonUrl}/nowhere`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(403);
  });

  test("a latency range stays within its bounds, and onRequest sees each outcome", async () => {
    const seen: unknown[] = [];
    const sim = await useSimulator({
      latency: [40, 80],
      faults: "502html@2",
      onRequest: (request) => seen.push([request.seq, request.status, request.fault]),
    });
    for (let index = 0; index < 3; index++) {
      const started = Date.now();
      await fetch(`${sim.gigyaUrl}/accounts.nothing`, { method: "POST" });
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(35);
      expect(elapsed).toBeLessThan(1000);
    }
    expect(seen).toEqual([
      [1, 200, undefined],
      [2, 502, "502html"],
      [3, 200, undefined],
    ]);
  });

  test("maxRecorded keeps only the newest requests", async () => {
    const sim = await useSimulator({ maxRecorded: 2 });
    for (let index = 0; index < 4; index++) await fetch(`${sim.kamereonUrl}/nowhere`);
    expect(sim.requests.map((request) => request.seq)).toEqual([3, 4]);
  });
});
