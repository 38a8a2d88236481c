import { describe, expect, test } from "vitest";
import { EndpointNotAvailableError, InvalidArgumentError } from "../src/errors.js";
import {
  ACTION_BUILDERS,
  DEFAULT_ENDPOINTS,
  ENDPOINTS,
  MODEL_GRID,
  READS,
  buildAction,
  effectReadOf,
  invalidatedBy,
  isActionKey,
  ENDPOINT_KEYS,
  type EndpointKey,
  GATEWAY_SPECIFICATIONS,
  MODEL_ENDPOINTS,
  MODEL_NAMES,
  resolveEndpoint,
  supportsEndpoint,
  VEHICLE_SPECIFICATIONS,
} from "../src/registry/index.js";
import { loadFixture } from "../src/simulator/fixtures.js";

const sorted = (values: readonly string[]) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/*
 * The per-model matrix of protocol.md §4.3 with protocol-additions.md's models applied (D = default,
 * x = unsupported, KS/K/KP/KL/AS = model route, . = not listed), one column per model in this order. The stale Python keys are not here; their
 * translation is checked separately below.
 */
const MODELS =
  "A4E1VE A5E1AE BD11SL DU31SU R5E1VE X071VE X101VE X102VE XBG1VE XCB1SE XCB1VE XDD1VE XFB2BI XFB2BK XHN1CP XHN1ML XHN1SU XJA1VP XJA2VP XJB1SU XJB2CP XJB2SU XJF2BI XJL2TR".split(
    " ",
  );
const MATRIX = `
actions/charge-set-mode      x  x  .  .  x  .  .  .  .  .  .  D  .  .  .  .  .  .  .  .  .  .  x  .
actions/charge-set-schedule  x  x  .  .  x  .  D  .  .  .  K  x  .  .  .  .  .  .  .  .  .  .  x  .
actions/charge-start         KS KS x  .  KS .  D  K  KP KS K  KS .  D  x  x  x  x  x  x  x  x  x  .
actions/charge-stop          x  x  .  .  x  .  .  KL KP x  x  x  .  .  .  x  x  x  x  x  x  x  x  .
actions/horn-start           D  D  x  x  D  .  .  x  x  D  D  D  .  x  D  D  D  x  x  x  D  D  D  .
actions/hvac-set-schedule    x  x  .  .  x  .  .  .  .  .  .  .  .  .  .  .  .  .  .  .  .  .  x  .
actions/hvac-start           D  D  .  .  D  .  D  D  D  D  D  D  .  D  .  x  x  x  x  D  x  x  x  .
actions/hvac-stop            D  AS .  .  AS .  D  .  AS .  AS D  .  .  .  .  .  .  .  .  .  .  x  .
actions/lights-start         D  D  x  x  D  .  .  x  x  D  D  D  .  x  D  D  D  x  x  x  D  D  D  .
actions/refresh-location     .  D  .  .  D  .  .  .  D  .  .  .  .  .  .  D  .  .  .  .  .  .  D  .
alerts                       .  x  x  .  D  .  D  .  x  .  .  .  .  .  .  x  .  x  x  .  .  x  x  .
battery-status               D  D  x  x  D  D  D  D  D  D  D  D  D  D  D  x  x  x  x  D  x  x  x  .
charge-history               x  x  x  x  x  x  D  .  x  .  x  x  x  .  x  x  x  x  x  x  .  x  x  x
charge-mode                  x  x  x  x  x  x  D  x  x  x  x  x  x  .  x  x  x  x  x  x  x  x  x  x
charge-schedule              KS KS x  x  KS x  D  x  x  KS x  KS x  .  KS x  .  x  x  x  .  x  x  x
charges                      D  D  .  x  D  .  D  .  .  .  .  .  .  .  .  x  .  x  x  .  .  x  x  .
charging-settings            .  x  x  x  x  D  .  D  x  x  D  x  D  D  x  x  x  x  x  D  x  x  x  x
cockpit                      D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D  D
hvac-history                 .  x  x  x  x  x  D  .  x  .  x  x  x  x  x  x  .  x  x  x  .  x  x  x
hvac-sessions                .  x  x  x  x  x  D  .  x  .  x  x  x  x  x  x  .  x  x  x  .  x  x  x
hvac-settings                .  D  x  x  D  D  .  D  x  D  D  D  D  x  D  x  .  x  x  D  .  x  x  x
hvac-status                  D  D  x  x  D  D  D  D  D  D  D  D  D  D  D  x  x  x  x  D  x  x  x  x
location                     D  D  D  D  D  D  x  D  D  D  D  D  x  D  D  D  D  D  D  D  D  D  D  D
lock-status                  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x
notification-settings        x  x  x  .  x  x  .  .  x  .  x  x  x  x  x  x  .  x  x  x  .  x  x  .
pressure                     x  x  x  x  x  x  x  D  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x
res-state                    x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x  x
soc-levels                   D  D  x  x  D  .  x  x  x  D  D  D  .  .  .  x  x  x  x  x  x  x  x  .
`;

/** The stale Python keys, translated: these cells are `x` here although the matrix row says `.`. */
const STALE_TRANSLATIONS: Readonly<Record<string, readonly EndpointKey[]>> = {
  DU31SU: [
    "actions/charge-start",
    "actions/charge-stop",
    "actions/hvac-set-schedule",
    "actions/hvac-start",
    "actions/hvac-stop",
  ],
  XJA1VP: ["actions/hvac-set-schedule", "actions/hvac-stop"],
  XJA2VP: ["actions/hvac-set-schedule", "actions/hvac-stop"],
  XJL2TR: ["actions/hvac-set-schedule", "actions/hvac-start", "actions/hvac-stop"],
};

const ROUTES: Readonly<Record<string, { path: string; mode: string }>> = {
  KS: { path: "/kcm/v1/vehicles/{vin}/ev/settings", mode: "kcm-settings" },
  KP: { path: "/kcm/v1/vehicles/{vin}/charge/pause-resume", mode: "kcm-pause-resume" },
  KL: { path: "/kcm/v1/vehicles/{vin}/charge/start", mode: "kcm-start-later" },
  AS: { path: "/kca/car-adapter/v1/cars/{vin}/actions/hvac-start", mode: "kca-stop" },
};

function expectedCell(key: EndpointKey, symbol: string) {
  if (symbol === "D") return DEFAULT_ENDPOINTS[key];
  if (symbol === "x") return null;
  if (symbol === "K") {
    const leaf = key === "actions/charge-start" ? "start" : "schedule";
    return { path: `/kcm/v1/vehicles/{vin}/charge/${leaf}`, mode: "kcm" };
  }
  return ROUTES[symbol];
}

describe("the endpoint registry", () => {
  test("has the 28 logical keys, sorted, each with a {vin} path", () => {
    expect(ENDPOINT_KEYS).toHaveLength(28);
    expect(ENDPOINT_KEYS).toEqual(sorted(ENDPOINT_KEYS));
    expect(Object.keys(DEFAULT_ENDPOINTS)).toEqual(ENDPOINT_KEYS);
    for (const key of ENDPOINT_KEYS) {
      expect(DEFAULT_ENDPOINTS[key].path).toMatch(/^\/.*\{vin\}/);
      expect(DEFAULT_ENDPOINTS[key].mode).toBe("default");
    }
    expect(ENDPOINT_KEYS).toEqual(
      expect.arrayContaining(["charge-history", "charges", "hvac-history", "hvac-sessions"]),
    );
  });

  test("uses the paths and versions of the API", () => {
    expect(DEFAULT_ENDPOINTS["battery-status"].path).toBe("/kca/car-adapter/v2/cars/{vin}/battery-status");
    expect(DEFAULT_ENDPOINTS.cockpit.path).toBe("/kca/car-adapter/v1/cars/{vin}/cockpit");
    expect(DEFAULT_ENDPOINTS["actions/charge-set-schedule"].path).toBe(
      "/kca/car-adapter/v2/cars/{vin}/actions/charge-schedule",
    );
    expect(DEFAULT_ENDPOINTS["actions/hvac-set-schedule"].path).toBe(
      "/kca/car-adapter/v2/cars/{vin}/actions/hvac-schedule",
    );
    expect(DEFAULT_ENDPOINTS["actions/charge-stop"]).toEqual(DEFAULT_ENDPOINTS["actions/charge-start"]);
    expect(DEFAULT_ENDPOINTS["soc-levels"].path).toBe("/kcm/v1/vehicles/{vin}/ev/soc-levels");
    expect(DEFAULT_ENDPOINTS.alerts.path).toBe("/vehicles/{vin}/alerts");
  });

  test("lists the 24 documented models, sorted, each with sorted and valid keys", () => {
    const models = Object.keys(MODEL_ENDPOINTS);
    expect(models).toEqual(MODELS);
    expect(models).toEqual(sorted(models));
    expect(Object.keys(MODEL_NAMES)).toEqual(models);
    for (const model of models) {
      const keys = Object.keys(MODEL_ENDPOINTS[model]!);
      expect(keys, model).toEqual(sorted(keys));
      for (const key of keys) expect(ENDPOINT_KEYS, `${model} ${key}`).toContain(key);
    }
  });

  test("matches the documented matrix, with the stale keys translated", () => {
    const rows = MATRIX.trim().split("\n");
    expect(rows).toHaveLength(28);
    for (const row of rows) {
      const [key, ...cells] = row.trim().split(/\s+/) as [EndpointKey, ...string[]];
      expect(cells).toHaveLength(MODELS.length);
      cells.forEach((symbol, index) => {
        const model = MODELS[index]!;
        const table = MODEL_ENDPOINTS[model]!;
        const stale = STALE_TRANSLATIONS[model]?.includes(key) ?? false;
        if (symbol === ".") {
          if (stale) expect(table[key], `${model} ${key}`).toBeNull();
          else expect(Object.hasOwn(table, key), `${model} ${key}`).toBe(false);
        } else {
          expect(stale, `${model} ${key} is listed and stale`).toBe(false);
          expect(table[key], `${model} ${key}`).toEqual(expectedCell(key, symbol));
        }
      });
    }
  });

  test("is frozen", () => {
    expect(Object.isFrozen(MODEL_ENDPOINTS)).toBe(true);
    expect(Object.isFrozen(MODEL_ENDPOINTS.X101VE)).toBe(true);
    expect(Object.isFrozen(DEFAULT_ENDPOINTS.cockpit)).toBe(true);
    expect(() => {
      (DEFAULT_ENDPOINTS as Record<string, unknown>).cockpit = null;
    }).toThrow(TypeError);
  });

  test("names the models and keeps the reporting quirks as data", () => {
    expect(MODEL_NAMES.X101VE).toContain("ZOE");
    expect(MODEL_NAMES.XBG1VE).toBe("Dacia Spring");
    expect(VEHICLE_SPECIFICATIONS.X101VE).toEqual({
      "reports-charge-session-durations-in-minutes": true,
      "reports-in-watts": true,
    });
    expect(VEHICLE_SPECIFICATIONS.XBG1VE).toEqual({ "control-charge-via-kcm": true });
    expect(GATEWAY_SPECIFICATIONS.GDC?.["reports-in-watts"]).toBe(true);
    expect(Object.keys(GATEWAY_SPECIFICATIONS)).toEqual(["GDC"]);
  });
});

describe("resolveEndpoint", () => {
  test("gives the defaults, silently, without a model code", () => {
    const warnings: string[] = [];
    expect(resolveEndpoint(undefined, "lock-status", (m) => warnings.push(m))).toBe(
      DEFAULT_ENDPOINTS["lock-status"],
    );
    expect(resolveEndpoint("", "pressure", (m) => warnings.push(m))).toBe(DEFAULT_ENDPOINTS.pressure);
    expect(warnings).toEqual([]);
  });

  test("gives the defaults for an undocumented model, with the same warning for every key", () => {
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    for (const key of ENDPOINT_KEYS)
      expect(resolveEndpoint("XJD1SU", key, warn)).toBe(DEFAULT_ENDPOINTS[key]);
    expect(new Set(warnings).size).toBe(1);
    expect(warnings[0]).toContain("XJD1SU");
    expect(warnings[0]).toContain("not documented");
  });

  test("gives the default for a key a documented model does not list, with a warning naming both", () => {
    const warnings: string[] = [];
    expect(resolveEndpoint("XCB1SE", "alerts", (m) => warnings.push(m))).toBe(DEFAULT_ENDPOINTS.alerts);
    expect(warnings).toEqual([expect.stringMatching(/'alerts'.*XCB1SE/)]);
  });

  test("gives the model's route, silently", () => {
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    expect(resolveEndpoint("XBG1VE", "actions/charge-stop", warn)).toEqual({
      path: "/kcm/v1/vehicles/{vin}/charge/pause-resume",
      mode: "kcm-pause-resume",
    });
    expect(resolveEndpoint("R5E1VE", "actions/hvac-stop", warn).mode).toBe("kca-stop");
    expect(resolveEndpoint("XCB1VE", "actions/charge-start", warn)).toEqual({
      path: "/kcm/v1/vehicles/{vin}/charge/start",
      mode: "kcm",
    });
    expect(resolveEndpoint("XCB1VE", "actions/charge-set-schedule", warn).path).toBe(
      "/kcm/v1/vehicles/{vin}/charge/schedule",
    );
    for (const model of ["A4E1VE", "A5E1AE", "R5E1VE", "XDD1VE"]) {
      expect(resolveEndpoint(model, "actions/charge-start", warn).mode).toBe("kcm-settings");
    }
    expect(warnings).toEqual([]);
  });

  test("throws EndpointNotAvailableError for an unsupported endpoint or an unknown key", () => {
    const error = (() => {
      try {
        resolveEndpoint("X102VE", "lock-status");
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(EndpointNotAvailableError);
    expect(error).toMatchObject({ endpoint: "lock-status", modelCode: "X102VE" });
    expect((error as Error).message).toBe("Endpoint 'lock-status' not available for model 'X102VE'");
    expect(() => resolveEndpoint("X102VE", "random" as EndpointKey)).toThrow(EndpointNotAvailableError);
    expect(() => resolveEndpoint(undefined, "toString" as EndpointKey)).toThrow(EndpointNotAvailableError);
    expect(() => resolveEndpoint("constructor", "cockpit")).not.toThrow();
  });

  test("routes the history endpoints through the matrix too", () => {
    expect(() => resolveEndpoint("X071VE", "charge-history")).toThrow(EndpointNotAvailableError);
    expect(() => resolveEndpoint("XHN1ML", "charges")).toThrow(EndpointNotAvailableError);
    expect(() => resolveEndpoint("XBG1VE", "hvac-history")).toThrow(EndpointNotAvailableError);
    expect(() => resolveEndpoint("R5E1VE", "hvac-sessions")).toThrow(EndpointNotAvailableError);
  });

  test("blocks what the stale Python keys meant to block", () => {
    expect(supportsEndpoint("DU31SU", "actions/hvac-start")).toBe(false);
    expect(supportsEndpoint("XJL2TR", "actions/hvac-start")).toBe(false);
    expect(supportsEndpoint("XJL2TR", "actions/hvac-set-schedule")).toBe(false);
    expect(supportsEndpoint("DU31SU", "actions/charge-start")).toBe(false);
    expect(supportsEndpoint("XJA2VP", "actions/hvac-stop")).toBe(false);
    // Untouched neighbours.
    expect(supportsEndpoint("XJL2TR", "cockpit")).toBe(true);
    expect(supportsEndpoint("DU31SU", "location")).toBe(true);
  });
});

describe("supportsEndpoint", () => {
  test("accepts a model code or vehicle details", () => {
    expect(supportsEndpoint("X101VE", "location")).toBe(false);
    expect(supportsEndpoint({ model: { code: "X101VE" } }, "location")).toBe(false);
    expect(supportsEndpoint({ model: { code: "X102VE" } }, "location")).toBe(true);
    expect(supportsEndpoint({ model: null }, "lock-status")).toBe(true);
    expect(supportsEndpoint(undefined, "res-state")).toBe(true);
    expect(supportsEndpoint("X101VE", "nope" as EndpointKey)).toBe(false);
  });

  const specs = loadFixture("kamereon/expected_specs.json") as Record<string, Record<string, unknown>>;
  test.each(Object.entries(specs))("answers like expected_specs.json for %s", (file, expected) => {
    const list = loadFixture(`kamereon/vehicles/${file}`) as {
      vehicleLinks: { vehicleDetails: { model: { code: string } } }[];
    };
    const details = list.vehicleLinks[0]!.vehicleDetails;
    const code = details.model.code;
    expect(supportsEndpoint(details, "hvac-status")).toBe(expected["supports-hvac-status"]);
    expect(supportsEndpoint(code, "location")).toBe(expected["supports-location"]);
    // "Charge uses KCM": start and stop both through KCM pause-resume (Spring), as the Python spec
    // flag says (the ZOE phase 2's KCM charge/start is a later route, outside that flag).
    const viaKcm = (key: EndpointKey) =>
      supportsEndpoint(code, key) && resolveEndpoint(code, key).mode === "kcm-pause-resume";
    expect(viaKcm("actions/charge-start") && viaKcm("actions/charge-stop")).toBe(expected["charge-uses-kcm"]);
    expect(VEHICLE_SPECIFICATIONS[code]?.["control-charge-via-kcm"] ?? false).toBe(
      expected["charge-uses-kcm"],
    );
  });
});

describe("what the registry says about each key", () => {
  test("the kinds: actions are the actions/… keys, the history reads need a period", () => {
    const byKind = (kind: string) => ENDPOINT_KEYS.filter((key) => ENDPOINTS[key].kind === kind);
    expect(byKind("action")).toEqual(ENDPOINT_KEYS.filter((key) => key.startsWith("actions/")));
    expect(byKind("history")).toEqual(["charge-history", "charges", "hvac-history", "hvac-sessions"]);
    expect(byKind("read")).toHaveLength(14);
    for (const key of byKind("history")) expect(ENDPOINTS[key].query, key).toMatch(/^(period|history)$/);
  });

  test("every read has its schema, and nothing else does", () => {
    expect(Object.keys(READS).sort()).toEqual(ENDPOINT_KEYS.filter((key) => !isActionKey(key)));
  });

  test("which read shows an action's effect", () => {
    expect({
      "actions/charge-start": effectReadOf("actions/charge-start"),
      "actions/charge-stop": effectReadOf("actions/charge-stop"),
      "actions/hvac-start": effectReadOf("actions/hvac-start"),
      "actions/hvac-stop": effectReadOf("actions/hvac-stop"),
      "actions/charge-set-mode": effectReadOf("actions/charge-set-mode"),
      "actions/charge-set-schedule": effectReadOf("actions/charge-set-schedule"),
      "actions/hvac-set-schedule": effectReadOf("actions/hvac-set-schedule"),
      "soc-levels": effectReadOf("soc-levels"),
      "actions/refresh-location": effectReadOf("actions/refresh-location"),
      "actions/horn-start": effectReadOf("actions/horn-start"),
      "actions/lights-start": effectReadOf("actions/lights-start"),
    }).toEqual({
      "actions/charge-start": "battery-status",
      "actions/charge-stop": "battery-status",
      "actions/hvac-start": "hvac-status",
      "actions/hvac-stop": "hvac-status",
      "actions/charge-set-mode": "charge-mode",
      "actions/charge-set-schedule": "charge-schedule",
      "actions/hvac-set-schedule": "hvac-settings",
      "soc-levels": "soc-levels",
      "actions/refresh-location": "location",
      "actions/horn-start": null,
      "actions/lights-start": null,
    });
    // The effect read is dropped from the cache by the action that changes it.
    for (const key of ENDPOINT_KEYS) {
      const effect = effectReadOf(key);
      if (effect !== null) expect(invalidatedBy(key), key).toContain(effect);
    }
    expect(effectReadOf("cockpit")).toBeNull();
  });

  test("every route the grid gives an action has a request builder", () => {
    expect(Object.keys(ACTION_BUILDERS).sort()).toEqual([
      ...ENDPOINT_KEYS.filter((key) => isActionKey(key)),
      "soc-levels",
    ]);
    for (const [model, routes] of Object.entries(MODEL_ENDPOINTS)) {
      for (const key of Object.keys(ACTION_BUILDERS) as (keyof typeof ACTION_BUILDERS)[]) {
        const route = Object.hasOwn(routes, key) ? routes[key] : DEFAULT_ENDPOINTS[key];
        if (!route) continue;
        const args = { temperature: 21, mode: "always", schedules: [], socMin: 20, socTarget: 80 } as never;
        const request = buildAction(key, route, args);
        expect(request, `${model} ${key} (${route.mode})`).toBeDefined();
        expect(request?.path).toBe(route.path);
      }
    }
  });

  test("the request builders, one per mode", () => {
    const start = (mode: keyof (typeof ACTION_BUILDERS)["actions/charge-start"], when?: string) =>
      buildAction("actions/charge-start", { path: "/p", mode }, { startDateTime: when });
    expect(start("default")).toMatchObject({
      via: "kca",
      method: "POST",
      body: { data: { type: "ChargingStart" } },
    });
    expect(start("kcm", "2026-01-01T00:00:00Z")).toMatchObject({
      via: "kcm",
      body: { data: { attributes: { action: "start", startDateTime: "2026-01-01T00:00:00Z" } } },
    });
    expect(start("kcm-pause-resume")).toMatchObject({
      via: "kcm-pause-resume",
      body: { data: { attributes: { action: "resume" } } },
    });
    expect(start("kcm-settings")).toMatchObject({ via: "kcm-settings", method: "GET+POST" });
    for (const mode of ["default", "kcm-pause-resume", "kcm-settings"] as const) {
      expect(() => start(mode, "2026-01-01T00:00:00Z"), mode).toThrow(InvalidArgumentError);
    }
    const stop = (mode: "default" | "kca-stop") => buildAction("actions/hvac-stop", { path: "/p", mode }, {});
    expect(stop("default")).toMatchObject({ body: { data: { attributes: { action: "cancel" } } } });
    expect(stop("kca-stop")).toMatchObject({ body: { data: { attributes: { action: "stop" } } } });
    const later = buildAction(
      "actions/charge-stop",
      { path: "/p", mode: "kcm-start-later" },
      { now: new Date(Date.UTC(2026, 11, 31, 23, 59, 58, 999)) },
    );
    expect(later).toMatchObject({
      via: "kcm",
      body: {
        data: {
          type: "ChargingStart",
          attributes: { action: "start", startDateTime: "2027-01-01T23:59:00.000Z" },
        },
      },
    });
    // A mode a key cannot be sent with has no builder: the client refuses before sending.
    expect(buildAction("actions/charge-stop", { path: "/p", mode: "kcm-settings" }, {})).toBeUndefined();
  });

  test("the per-model grid: one row per model, sorted, each with every column and a name", () => {
    const [header, ...rows] = MODEL_GRID.trim().split("\n");
    expect(header?.split(/\s+/)).toEqual([
      "model",
      ...ENDPOINT_KEYS.map((key) => ENDPOINTS[key].alias),
      "name",
    ]);
    const models = rows.map((row) => row.split(/\s+/)[0]);
    expect(models).toEqual(Object.keys(MODEL_ENDPOINTS));
    for (const row of rows) {
      const cells = row
        .trim()
        .split(/\s+/)
        .slice(1, 1 + ENDPOINT_KEYS.length);
      for (const cell of cells) expect(["D", "x", ".", "K", "KS", "KP", "KL", "AS"], row).toContain(cell);
    }
  });
});
