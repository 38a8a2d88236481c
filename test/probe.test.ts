import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import {
  EndpointNotAvailableError,
  HttpError,
  KamereonError,
  NetworkError,
  NotSupportedError,
  PrivacyModeOnError,
  QuotaLimitError,
  RenaultClient,
  TimeoutError,
  type EndpointKey,
} from "../src/index.js";
import { AccessDeniedError, ForbiddenError, ResourceNotFoundError } from "../src/errors.js";
import {
  capabilitiesOf,
  planProbe,
  probeVehicle,
  writeProbeBundle,
  type ProbeReport,
} from "../src/probe/index.js";
import {
  ENDPOINT_KEYS,
  MODEL_ENDPOINTS,
  resolveEndpoint,
  type EndpointDefinition,
} from "../src/registry/index.js";
import { parseKamereonResponse } from "../src/kamereon/kamereon.js";
import { classifyAnswer, classifyError } from "../src/probe/classify.js";
import { errorEnvelope } from "../src/probe/probe.js";
import { PROBED_ACTIONS, READ_ORDER, UNPROBED_ACTIONS, variantsOf } from "../src/probe/plan.js";
import { DEMO_PROFILES } from "../src/simulator/catalog.js";
import type { Simulator } from "../src/simulator/index.js";
import { requestsTo, simOptions, useSimulator } from "./support/sim.js";

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "renault-probe-"));
  folders.push(dir);
  return join(dir, "bundle");
}

async function demoVehicle(sim: Simulator, vin: string) {
  const client = new RenaultClient(simOptions(sim));
  await client.login(sim.demo.email, sim.demo.password);
  const accountId = sim.demo.models.find((model) => model.vin === vin)?.accountId ?? "";
  return client.account(accountId).vehicle(vin);
}

/** The routing table's answer for a model and key: its definition, or null when unsupported. */
function routed(model: string, key: EndpointKey): EndpointDefinition | null {
  try {
    const { path, mode } = resolveEndpoint(model, key);
    return { path, mode };
  } catch (error) {
    if (error instanceof EndpointNotAvailableError) return null;
    throw error;
  }
}

const READ_KEYS = ENDPOINT_KEYS.filter((key) => !key.startsWith("actions/"));

describe("the plan", () => {
  test("asks every read of the routing table once, the KCM variants too, and never a settings write", () => {
    expect([...READ_ORDER].sort()).toEqual(READ_KEYS);
    expect(variantsOf("charge-schedule")).toEqual([
      { path: "/kcm/v1/vehicles/{vin}/ev/settings", mode: "kcm-settings" },
    ]);
    const steps = planProbe({ now: new Date(2026, 4, 14) });
    expect(steps.map((step) => step.method)).not.toContain("POST");
    expect(steps).toHaveLength(3 + READ_KEYS.length + 1);
    expect(steps.find((step) => step.key === "charges")?.query).toEqual({
      start: "20260414",
      end: "20260514",
    });
    expect(steps.find((step) => step.key === "charge-history")?.query).toEqual({
      type: "month",
      start: "202603",
      end: "202605",
    });
    const actions = planProbe({ actions: true }).filter((step) => step.kind === "action");
    expect(actions.map((step) => step.key)).toEqual(PROBED_ACTIONS.map((action) => action.key));
    for (const key of Object.keys(UNPROBED_ACTIONS))
      expect(actions.map((step) => step.key)).not.toContain(key);
    expect(new Set(steps.map((step) => step.name)).size).toBe(steps.length);
  });
});

describe("probing each demo car gives the routing table of its model", () => {
  for (const profile of DEMO_PROFILES) {
    test(profile.name, async () => {
      const sim = await useSimulator();
      const vehicle = await demoVehicle(sim, profile.vin);
      const before = requestsTo(sim, "kamereon").length;
      const report = await probeVehicle(vehicle);
      const model = sim.world.vehicle(profile.vin).modelCode;
      expect(report.modelCode).toBe(model);
      expect(report.stopped).toBe("complete");
      // Within the budget, one request per step, none repeated.
      const sent = requestsTo(sim, "kamereon").slice(before);
      expect(sent).toHaveLength(report.used);
      expect(report.used).toBe(report.results.length);
      expect(report.used).toBeLessThanOrEqual(30);

      const { modelCode, entry, evidence } = capabilitiesOf(report);
      expect(modelCode).toBe(model);
      for (const key of READ_KEYS) {
        // The one difference: a car without the data (the petrol Captur's battery) answers the same
        // 404 err.func.wired.notFound as a model without the endpoint; a probe cannot tell them apart.
        if ((profile.noData as readonly string[]).includes(key)) {
          expect(entry[key], key).toBeNull();
          expect(evidence[key]).toContain("err.func.wired.notFound");
          continue;
        }
        expect(entry[key], `${model} ${key}`).toEqual(routed(model, key));
        const listed = MODEL_ENDPOINTS[model]?.[key];
        if (listed !== undefined) expect(entry[key], `${model} ${key}`).toEqual(listed);
        if (entry[key] === null) expect(evidence[key]).toMatch(/\d{3} \S+/);
      }
      expect(Object.keys(entry)).toEqual([...Object.keys(entry)].sort());
    });
  }
});

describe("a probe cut short still leaves a valid report", () => {
  test("the budget: exactly N requests, the rest not probed", async () => {
    const sim = await useSimulator();
    const vehicle = await demoVehicle(sim, sim.demo.vins.zoe50);
    const before = requestsTo(sim, "kamereon").length;
    const report = await probeVehicle(vehicle, { budget: 5 });
    expect(requestsTo(sim, "kamereon").length - before).toBe(5);
    expect(report).toMatchObject({ used: 5, budget: 5, stopped: "budget" });
    expect(report.results.slice(0, 5).map((result) => result.verdict)).not.toContain("not-probed");
    expect(report.results.slice(5).every((result) => result.reason === "budget")).toBe(true);
    const { entry, evidence } = capabilitiesOf(report);
    expect(Object.keys(entry)).toEqual(["battery-status", "cockpit"]);
    expect(evidence.location).toBe("KCA v1: not probed (request budget used up); left out: probe again");
    const bundle = await writeProbeBundle(report, {
      directory: await tempFolder(),
      session: vehicle.session,
    });
    const capabilities = JSON.parse(await readFile(join(bundle.directory, "capabilities.json"), "utf8"));
    expect(capabilities.X102VE).toEqual(entry);
    const manifest = JSON.parse(await readFile(join(bundle.directory, "probe.json"), "utf8"));
    expect(manifest).toMatchObject({ stopped: "budget", used: 5, budget: 5 });
  });

  test("the simulator's quota: stops at the first quota error, nothing more is sent", async () => {
    const sim = await useSimulator({ quota: 6 });
    const vehicle = await demoVehicle(sim, sim.demo.vins.zoe40);
    const report = await probeVehicle(vehicle);
    expect(report.stopped).toBe("quota");
    expect(report.quotaError).toBeInstanceOf(QuotaLimitError);
    const quotaAt = report.results.findIndex((result) => result.reason === "quota");
    expect(report.results[quotaAt]?.step.name).toBe("charge-mode");
    expect(report.results.slice(quotaAt).every((result) => result.verdict === "not-probed")).toBe(true);
    // The person read is not an account request: 6 counted + the refused one + the person.
    expect(requestsTo(sim, "kamereon").filter((request) => request.status === 429)).toHaveLength(1);
    expect(report.used).toBe(8);
    const bundle = await writeProbeBundle(report, {
      directory: await tempFolder(),
      session: vehicle.session,
    });
    expect(bundle.text).toContain("stopped by the quota");
    const capabilities = JSON.parse(await readFile(join(bundle.directory, "capabilities.json"), "utf8"));
    expect(Object.keys(capabilities.X101VE)).toEqual([
      "battery-status",
      "cockpit",
      "hvac-status",
      "location",
    ]);
    expect(capabilities.evidence["charge-mode"]).toContain("not probed (quota reached)");
  });

  test("a quota fault in the middle", async () => {
    const sim = await useSimulator({ faults: "quota@hvac-status" });
    const vehicle = await demoVehicle(sim, sim.demo.vins.megane);
    const report = await probeVehicle(vehicle);
    expect(report.stopped).toBe("quota");
    expect(report.results.find((result) => result.reason === "quota")?.step.name).toBe("hvac-status");
    expect(capabilitiesOf(report).entry).toEqual({
      "battery-status": MODEL_ENDPOINTS.XCB1VE?.["battery-status"],
      cockpit: MODEL_ENDPOINTS.XCB1VE?.cockpit,
      location: MODEL_ENDPOINTS.XCB1VE?.location,
    });
  });

  test("a transient failure is sent once, recorded as failed and never as a null", async () => {
    const sim = await useSimulator({ faults: "5xx@battery-status,reset@cockpit,502html@location" });
    const vehicle = await demoVehicle(sim, sim.demo.vins.zoe50);
    const report = await probeVehicle(vehicle);
    for (const name of ["battery-status", "cockpit", "location"]) {
      expect(report.results.find((result) => result.step.name === name)?.verdict, name).toBe("failed");
      expect(
        requestsTo(sim, "kamereon").filter((request) => request.endpoint === name),
        name,
      ).toHaveLength(1);
    }
    const { entry, evidence } = capabilitiesOf(report);
    expect(entry).not.toHaveProperty("battery-status");
    expect(entry).not.toHaveProperty("location");
    expect(evidence["battery-status"]).toContain("err.tech.wired.kamereon-proxy");
    expect(evidence.cockpit).toContain("NetworkError");
    expect(evidence.location).toContain("502");
    expect(report.stopped).toBe("complete");
  });
});

describe("classification", () => {
  const at = { method: "GET", url: "/x", status: 404 };
  const kamereon = (status: number, code: string, message: string) =>
    parseKamereonResponse(
      { now: () => 0, quotaCooldown: 1000 },
      { method: "GET", path: "/x" },
      "http://127.0.0.1/x",
      {
        status,
        headers: new Headers(),
        text: JSON.stringify({ errors: [{ errorCode: code, errorMessage: message }] }),
      },
    );
  const errorOf = (status: number, code: string, message = "") => {
    try {
      kamereon(status, code, message);
    } catch (error) {
      return error;
    }
    throw new Error("no error");
  };

  test.each([
    [404, "err.func.wired.notFound", "Resource not found", "not-supported"],
    [404, "err.func.wired.not-found", "", "not-supported"],
    [404, "err.func.wired.notFound", "There is no data for this vin and uid", "no-data"],
    [403, "err.func.wired.forbidden", "The access is forbidden", "not-supported"],
    [501, "err.tech.501", "not supported by this gateway", "not-supported"],
    [
      403,
      "err.func.403",
      JSON.stringify({ errors: [{ code: "403011", detail: "Operation not supported for this can (C1A)" }] }),
      "not-supported",
    ],
    [403, "err.func.403", "security.access", "failed"],
    [405, "err.func.wired.methodNotAllowed", "", "not-supported"],
    [400, "err.func.wired.invalid-body-format", "", "not-supported"],
    [400, "err.func.wired.missingRequestParam", "", "failed"],
    [400, "err.func.vcps.unsupported", "", "not-supported"],
    [400, "400001", "The vehicle does not have a GDC gateway", "not-supported"],
    [403, "err.func.privacy.on", "Privacy mode currently ON", "failed"],
    [500, "err.tech.wired.kamereon-proxy", "Failed to forward request", "failed"],
    [500, "err.tech.500", "upstream", "failed"],
    [502, "err.tech.502", "vnext error", "failed"],
  ])("%i %s %s → %s", (status, code, message, verdict) => {
    expect(classifyError(errorOf(status, code, message)).verdict).toBe(verdict);
  });

  test("errors without a vendor answer are transient", () => {
    expect(classifyError(new HttpError({ ...at, status: 502 })).verdict).toBe("failed");
    expect(classifyError(new NetworkError({ method: "GET", url: "/x", notSent: false })).verdict).toBe(
      "failed",
    );
    expect(classifyError(new TimeoutError({ method: "GET", url: "/x", timeout: 5 })).verdict).toBe("failed");
  });

  test("answers: data, empty attributes, empty flat bodies, bare arrays", () => {
    expect(classifyAnswer({ data: { id: "V", attributes: { b: 1, a: null, c: "x" } } })).toEqual({
      verdict: "works",
      fields: ["b", "c"],
    });
    expect(classifyAnswer({ data: { type: "ChargeMode", id: "VF1AAAA" } }).verdict).toBe("no-data");
    expect(classifyAnswer({ data: { id: "V", attributes: {} } }).verdict).toBe("no-data");
    expect(classifyAnswer({}).verdict).toBe("no-data");
    expect(classifyAnswer({ socMin: 20, socTarget: 80 })).toEqual({
      verdict: "works",
      fields: ["socMin", "socTarget"],
    });
    expect(classifyAnswer([]).verdict).toBe("works");
    expect(classifyAnswer([{ alertCode: "x" }]).fields).toEqual(["alertCode"]);
  });

  test("a rebuilt error envelope parses back into the same error", () => {
    const cases = [
      errorOf(404, "err.func.wired.notFound", "Resource not found"),
      errorOf(
        501,
        "err.tech.501",
        JSON.stringify({ errors: [{ status: "501", code: "error.internal", detail: "x" }] }),
      ),
      errorOf(
        403,
        "err.func.403",
        JSON.stringify({ errors: [{ code: "403011", title: "Operation not supported", detail: "C1A" }] }),
      ),
      errorOf(403, "err.func.wired.forbidden", "The access is forbidden"),
    ];
    for (const original of cases) {
      if (!(original instanceof KamereonError)) throw new Error("not a Kamereon error");
      let reparsed: unknown;
      try {
        parseKamereonResponse(
          { now: () => 0, quotaCooldown: 1000 },
          { method: "GET", path: "/x" },
          "http://127.0.0.1/x",
          { status: original.status, headers: new Headers(), text: JSON.stringify(errorEnvelope(original)) },
        );
      } catch (error) {
        reparsed = error;
      }
      expect(reparsed).toBeInstanceOf(original.constructor);
      expect(reparsed).toMatchObject({
        code: original.code,
        innerCode: original.innerCode,
        details: original.details,
        status: original.status,
      });
    }
    expect(errorOf(403, "err.func.wired.forbidden")).toBeInstanceOf(ForbiddenError);
    expect(errorOf(404, "err.func.wired.notFound")).toBeInstanceOf(ResourceNotFoundError);
    expect(errorOf(501, "err.tech.501")).toBeInstanceOf(NotSupportedError);
    expect(errorOf(403, "err.func.403")).toBeInstanceOf(AccessDeniedError);
    expect(errorOf(403, "err.func.privacy.on")).toBeInstanceOf(PrivacyModeOnError);
  });

  test("a 404 'no data yet' from the server is recorded as such and leaves the key out", async () => {
    const sim = await useSimulator();
    sim.route("GET", /\/location$/, () => ({
      status: 404,
      body: {
        errors: [
          { errorCode: "err.func.wired.notFound", errorMessage: "There is no data for this vin and uid" },
        ],
      },
    }));
    const vehicle = await demoVehicle(sim, sim.demo.vins.zoe50);
    const report = await probeVehicle(vehicle);
    expect(report.results.find((result) => result.step.name === "location")?.verdict).toBe("no-data");
    const { entry, evidence } = capabilitiesOf(report);
    expect(entry).not.toHaveProperty("location");
    expect(evidence.location).toContain("no data yet");
    const bundle = await writeProbeBundle(report, { directory: await tempFolder() });
    expect(bundle.text).toMatch(
      /^location +KCA v1 +no data yet +404 err\.func\.wired\.notFound \(There is no data/m,
    );
    expect(bundle.files).toContain("kamereon/error/location.404.x102ve.json");
  });
});

describe("the bundle", () => {
  test("is laid out like fixtures/, and a probe of the served bundle finds the same capabilities", async () => {
    const sim = await useSimulator();
    const vehicle = await demoVehicle(sim, sim.demo.vins.r5);
    const report = await probeVehicle(vehicle);
    const bundle = await writeProbeBundle(report, {
      directory: await tempFolder(),
      session: vehicle.session,
    });
    expect(bundle.files).toEqual(
      expect.arrayContaining([
        "capabilities.json",
        "probe.json",
        "report.txt",
        "kamereon/vehicles/r5e1ve.1.json",
        "kamereon/vehicle_gateway/r5e1ve.1.json",
        "kamereon/vehicle_data/battery-status.r5e1ve.json",
        "kamereon/vehicle_kcm_data/ev-settings.r5e1ve.json",
        "kamereon/vehicle_kcm_data/ev-soc-levels.r5e1ve.json",
        "kamereon/vehicle_info/alerts.r5e1ve.json",
        "kamereon/error/charge-schedule.501.error.internal.r5e1ve.json",
      ]),
    );
    expect(bundle.capabilities.entry["charge-schedule"]).toEqual(MODEL_ENDPOINTS.R5E1VE?.["charge-schedule"]);
    const alerts = JSON.parse(
      await readFile(join(bundle.directory, "kamereon/vehicle_info/alerts.r5e1ve.json"), "utf8"),
    );
    expect(Array.isArray(alerts)).toBe(true);

    const served = await useSimulator({ fixtures: bundle.directory });
    const fake = served.world.vehicle(bundle.report.vin);
    expect(fake).toMatchObject({ accountId: bundle.report.accountId, modelCode: "R5E1VE", model: undefined });
    const again = await probeVehicle(await bundleVehicle(served, bundle.report.accountId, bundle.report.vin));
    expect(capabilitiesOf(again).entry).toEqual(bundle.capabilities.entry);
    expect(again.results.map((result) => result.verdict)).toEqual(
      report.results.map((result) => result.verdict),
    );
  });

  test("the bundle wins over the routing table: a model without location is served with the recorded one", async () => {
    const sim = await useSimulator();
    const vehicle = await demoVehicle(sim, sim.demo.vins.zoe40);
    // Pretend this ZOE 40 reported a position and refused its cockpit.
    sim.route("GET", /\/cars\/[^/]+\/location$/, () => ({
      body: { data: { type: "Car", id: "x", attributes: { gpsLatitude: 45.1, gpsLongitude: 5.7 } } },
    }));
    sim.route("GET", /\/cars\/[^/]+\/cockpit$/, () => ({
      status: 403,
      body: { errors: [{ errorCode: "err.func.wired.forbidden", errorMessage: "The access is forbidden" }] },
    }));
    const bundle = await writeProbeBundle(await probeVehicle(vehicle), {
      directory: await tempFolder(),
      session: vehicle.session,
    });
    expect(bundle.capabilities.entry.location).toEqual(routed("XYZ", "location"));
    expect(bundle.capabilities.entry.cockpit).toBeNull();
    const served = await useSimulator({ fixtures: bundle.directory });
    const car = await bundleVehicle(served, bundle.report.accountId, bundle.report.vin);
    expect(
      await car.httpGet("/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/location"),
    ).toEqual({
      data: { type: "Car", id: "x", attributes: { gpsLatitude: 48.8566, gpsLongitude: 2.3522 } },
    });
    await expect(car.getCockpit()).rejects.toBeInstanceOf(ForbiddenError);
    // Actions follow the model's routing and change what the car reports.
    await car.startHvac(20);
    expect((await car.getHvacStatus()).hvacStatus).toBe("on");
  });

  test("a folder that is not a bundle, or not empty, is refused", async () => {
    const dir = await tempFolder();
    await expect(useSimulator({ fixtures: dir })).rejects.toThrow(/not a probe bundle/);
    const sim = await useSimulator();
    const vehicle = await demoVehicle(sim, sim.demo.vins.zoe40);
    const report: ProbeReport = await probeVehicle(vehicle, { budget: 3 });
    await writeProbeBundle(report, { directory: dir });
    await expect(writeProbeBundle(report, { directory: dir })).rejects.toThrow(/not empty/);
    expect((await readdir(dir)).sort()).toEqual([
      "capabilities.json",
      "kamereon",
      "probe.json",
      "report.txt",
    ]);
  });
});

async function bundleVehicle(sim: Simulator, accountId: string, vin: string) {
  const client = new RenaultClient(simOptions(sim));
  await client.login(sim.demo.email, sim.demo.password);
  return client.account(accountId).vehicle(vin);
}

describe("edges", () => {
  test("bad options are refused before anything is sent", async () => {
    const sim = await useSimulator();
    const vehicle = await demoVehicle(sim, sim.demo.vins.zoe40);
    const before = sim.requests.length;
    await expect(probeVehicle(vehicle, { budget: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(probeVehicle(vehicle, { budget: 2.5 })).rejects.toBeInstanceOf(RangeError);
    await expect(probeVehicle(vehicle, { actions: true })).rejects.toBeInstanceOf(TypeError);
    expect(sim.requests.length).toBe(before);
  });

  test("the budget holds even when a rejected JWT makes the session repeat a request", async () => {
    const sim = await useSimulator({ faults: "unauthorized@battery-status" });
    const vehicle = await demoVehicle(sim, sim.demo.vins.zoe40);
    const before = requestsTo(sim, "kamereon").length;
    const report = await probeVehicle(vehicle, { budget: 4 });
    expect(requestsTo(sim, "kamereon").length - before).toBe(4);
    expect(report.stopped).toBe("budget");
    expect(report.results.find((result) => result.step.name === "battery-status")).toMatchObject({
      verdict: "not-probed",
      reason: "budget",
    });
  });

  test("a stale API key ends the probe with its error; an abort with its reason", async () => {
    const sim = await useSimulator({ faults: "apikey@cockpit" });
    const vehicle = await demoVehicle(sim, sim.demo.vins.zoe40);
    await expect(probeVehicle(vehicle)).rejects.toMatchObject({ name: "InvalidApiKeyError" });
    const controller = new AbortController();
    const reason = new Error("stop");
    const aborted = probeVehicle(vehicle, {
      signal: controller.signal,
      onResult: (result) => {
        if (result.step.name === "car-adapter") controller.abort(reason);
      },
    });
    await expect(aborted).rejects.toBe(reason);
  });

  test("privacy mode: the car's data reads fail, they are not 'unsupported'", async () => {
    const sim = await useSimulator();
    sim.world.vehicle(sim.demo.vins.zoe50).state.privacy = true;
    const vehicle = await demoVehicle(sim, sim.demo.vins.zoe50);
    const report = await probeVehicle(vehicle);
    const battery = report.results.find((result) => result.step.name === "battery-status");
    expect(battery).toMatchObject({
      verdict: "failed",
      code: "err.func.privacy.on",
      error: "PrivacyModeOnError",
    });
    const { entry } = capabilitiesOf(report);
    expect(entry).not.toHaveProperty("battery-status");
    expect(entry["hvac-settings"]).toEqual(MODEL_ENDPOINTS.X102VE?.["hvac-settings"]);
  });

  test("a car missing from the account's list: model unknown, a bundle the simulator refuses", async () => {
    const sim = await useSimulator();
    sim.route("GET", "/commerce/v1/accounts/account-id-1/vehicles", () => ({
      body: { accountId: "account-id-1", country: "FR", vehicleLinks: [] },
    }));
    const vehicle = await demoVehicle(sim, sim.demo.vins.zoe40);
    const report = await probeVehicle(vehicle, { budget: 4 });
    expect(report.modelCode).toBeUndefined();
    expect(report.results[0]).toMatchObject({ verdict: "no-data" });
    const bundle = await writeProbeBundle(report, { directory: await tempFolder(), shiftDays: 3 });
    expect(bundle.capabilities.modelCode).toBe("UNKNOWN");
    expect(bundle.text).toContain("Probe of an unknown model");
    expect(bundle.files).toContain("kamereon/vehicles/unknown.1.json");
    await expect(useSimulator({ fixtures: bundle.directory })).rejects.toThrow(/no vehicle link/);
  });

  test("the simulator refuses a manifest of another format, and a bundle whose car it already has", async () => {
    const sim = await useSimulator();
    const vehicle = await demoVehicle(sim, sim.demo.vins.zoe40);
    const bundle = await writeProbeBundle(await probeVehicle(vehicle, { budget: 3 }), {
      directory: await tempFolder(),
    });
    const { writeFile } = await import("node:fs/promises");
    const manifestPath = join(bundle.directory, "probe.json");
    const manifest = await readFile(manifestPath, "utf8");
    await writeFile(manifestPath, manifest.replace("renault-api-probe/1", "other/2"));
    await expect(useSimulator({ fixtures: bundle.directory })).rejects.toThrow(
      /not a renault-api probe manifest/,
    );
    await writeFile(manifestPath, manifest);
    const vehiclesPath = join(bundle.directory, "kamereon/vehicles/x101ve.1.json");
    const vehicles = await readFile(vehiclesPath, "utf8");
    await writeFile(vehiclesPath, vehicles.replaceAll(bundle.report.vin, sim.demo.vins.zoe50));
    await expect(useSimulator({ fixtures: bundle.directory })).rejects.toThrow(/already has a car/);
    await writeFile(vehiclesPath, "{");
    await expect(useSimulator({ fixtures: bundle.directory })).rejects.toThrow(/unreadable/);
  });
});

describe("more classification", () => {
  test("anything else is a failure, never a verdict about the model", () => {
    expect(classifyError(new Error("boom"))).toEqual({ verdict: "failed", error: "Error", details: "boom" });
    expect(classifyError("odd")).toEqual({ verdict: "failed", error: "Error", details: "odd" });
    expect(classifyAnswer("text").verdict).toBe("no-data");
    expect(classifyAnswer({ data: [] })).toEqual({ verdict: "works", fields: [] });
  });
});

describe("a hand-made bundle", () => {
  test("serves what it has, in an account the world already has, and skips what it cannot place", async () => {
    const { mkdir, writeFile } = await import("node:fs/promises");
    const directory = await tempFolder();
    await mkdir(join(directory, "kamereon/vehicles"), { recursive: true });
    await mkdir(join(directory, "kamereon/vehicle_data"), { recursive: true });
    const vin = "VF1AAAAPRB0000009";
    await writeFile(
      join(directory, "kamereon/vehicles/car.json"),
      JSON.stringify({ vehicleLinks: [{ vin, vehicleDetails: { vin, model: { code: "NEW1VE" } } }] }),
    );
    await writeFile(
      join(directory, "kamereon/vehicle_data/hvac.json"),
      JSON.stringify({ data: { id: vin, attributes: { hvacStatus: "on" } } }),
    );
    await writeFile(join(directory, "kamereon/vehicle_data/odd.json"), "{}");
    await writeFile(join(directory, "kamereon/vehicle_data/refused.json"), JSON.stringify({ errors: [] }));
    const read = (path: string, file: string, extra: object = {}) => ({
      name: path,
      kind: "read",
      method: "GET",
      path: `/commerce/v1/accounts/{account_id}/kamereon${path}`,
      definition: { path, mode: "default" },
      verdict: "works",
      file,
      ...extra,
    });
    await writeFile(
      join(directory, "probe.json"),
      JSON.stringify({
        format: "renault-api-probe/1",
        accountId: "account-id-1",
        country: null,
        vin,
        results: [
          {
            name: "details",
            kind: "details",
            method: "GET",
            path: "/x",
            verdict: "works",
            file: "kamereon/vehicles/car.json",
          },
          read("/kca/car-adapter/v1/cars/{vin}/hvac-status", "kamereon/vehicle_data/hvac.json", {
            status: 200,
          }),
          read("/kca/car-adapter/v9/cars/{vin}/unknown", "kamereon/vehicle_data/odd.json"),
          read("/kca/car-adapter/v1/cars/{vin}/cockpit", "kamereon/vehicle_data/refused.json", {
            verdict: "not-supported",
            status: 404,
          }),
          { name: "failed", kind: "read", method: "GET", path: "/y", verdict: "failed" },
        ],
      }),
    );
    const sim = await useSimulator({ fixtures: directory });
    const car = sim.world.vehicle(vin);
    expect(car).toMatchObject({ accountId: "account-id-1", modelCode: "NEW1VE" });
    expect(sim.world.accounts.get("account-id-1")?.vins).toContain(vin);
    expect(car.state.hvacOffAt).toBeGreaterThan(sim.now());
    const vehicle = await bundleVehicle(sim, "account-id-1", vin);
    expect((await vehicle.getHvacStatus()).hvacStatus).toBe("on");
    await expect(vehicle.getCockpit()).rejects.toMatchObject({ status: 404 });
    expect((await vehicle.getBatteryStatus()).batteryLevel).toBeTypeOf("number"); // a default fixture
  });
});

test("an action refused at its default route, that other models drive another way, is left out", async () => {
  const sim = await useSimulator();
  const vehicle = await demoVehicle(sim, sim.demo.vins.spring);
  const asked: string[] = [];
  const report = await probeVehicle(vehicle, {
    actions: true,
    confirmAction: (step) => {
      asked.push(step.name);
      return Promise.resolve(step.key === "actions/charge-start" || step.key === "actions/horn-start");
    },
  });
  expect(asked).toEqual([
    "actions/horn-start",
    "actions/lights-start",
    "actions/refresh-location",
    "actions/hvac-start",
    "actions/hvac-stop",
    "actions/charge-start",
    "actions/charge-stop",
  ]);
  const { entry, evidence } = capabilitiesOf(report);
  // The Spring starts charging through KCM pause-resume; the probe only tried the KCA default.
  expect(entry).not.toHaveProperty("actions/charge-start");
  expect(evidence["actions/charge-start"]).toContain(
    "kcm-pause-resume /kcm/v1/vehicles/{vin}/charge/pause-resume",
  );
  expect(entry["actions/horn-start"]).toBeNull(); // no alternative: refused means unsupported
  expect(evidence["actions/lights-start"]).toContain("not probed (declined at the prompt)");
  expect(sim.world.vehicle(sim.demo.vins.spring).state.actions).toEqual([]);
});
