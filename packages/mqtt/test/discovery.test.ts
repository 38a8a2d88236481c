import { describe, expect, it } from "vitest";
import { buildDiscovery } from "../src/discovery.js";
import type { VehicleDescription } from "../src/feed.js";
import { validateDeviceDiscovery } from "../src/ha-validate.js";
import { Topics } from "../src/topics.js";

const topics = new Topics({ base: "renault-api", prefix: "homeassistant" });
const origin = { name: "renault-api-mqtt", sw: "0.1.0", url: "https://example.org" };
const ALL_SUPPORTED = {
  "battery-status": "supported",
  cockpit: "supported",
  location: "supported",
  "hvac-status": "supported",
  pressure: "supported",
  "lock-status": "supported",
  "actions/charge-start": "supported",
  "actions/horn-start": "supported",
  "actions/refresh-location": "supported",
  "actions/charge-set-mode": "supported",
  "actions/soc-levels": "supported",
  "actions/hvac-start": "supported",
} as const;
const car: VehicleDescription = {
  vin: "VF1AG000000000001",
  brand: "Renault",
  model: "ZOE",
  modelCode: "X102VE",
  picture: "https://example.org/zoe.png",
  remoteProtocol: "kca",
  support: ALL_SUPPORTED,
  socMin: { min: 15, max: 45, step: 5 },
  socTarget: { min: 55, max: 100, step: 5 },
  hvacTemperature: { min: 16, max: 26, step: 1 },
  chargeModes: ["always_charging", "schedule_mode"],
};

function components(payload: string): Record<string, Record<string, unknown>> {
  return (JSON.parse(payload) as { cmps: Record<string, Record<string, unknown>> }).cmps;
}

describe("discovery payload", () => {
  it("is valid for Home Assistant and announces one device with origin and availability", () => {
    const discovery = buildDiscovery(car, topics, origin);
    expect(discovery.topic).toBe("homeassistant/device/renault_VF1AG000000000001/config");
    expect(validateDeviceDiscovery(discovery.topic, discovery.payload)).toEqual([]);
    const payload = JSON.parse(discovery.payload);
    expect(payload.dev).toEqual({
      ids: ["renault_api_VF1AG000000000001"],
      name: "Renault ZOE",
      mf: "Renault",
      mdl: "ZOE",
      mdl_id: "X102VE",
      sn: "VF1AG000000000001",
    });
    expect(payload.o).toEqual({ name: "renault-api-mqtt", sw: "0.1.0", url: "https://example.org" });
    expect(payload.avty).toEqual([{ t: "renault-api/bridge/availability" }]);
  });

  it("gives sensors their device class, state class and unit, and uses default_entity_id", () => {
    const cmps = components(buildDiscovery(car, topics, origin).payload);
    expect(cmps.mileage).toMatchObject({
      p: "sensor",
      dev_cla: "distance",
      stat_cla: "total_increasing",
      unit_of_meas: "km",
    });
    expect(cmps.battery_level).toMatchObject({
      dev_cla: "battery",
      unit_of_meas: "%",
      stat_t: "renault-api/VF1AG000000000001/battery_level",
    });
    expect(cmps.charging_power).toMatchObject({ dev_cla: "power", unit_of_meas: "kW" });
    expect(cmps.battery_available_energy).toMatchObject({ dev_cla: "energy_storage", unit_of_meas: "kWh" });
    expect(cmps.outside_temperature).toMatchObject({ dev_cla: "temperature", unit_of_meas: "°C" });
    expect(cmps.last_report).toMatchObject({ dev_cla: "timestamp" });
    expect(cmps.battery_level?.def_ent_id).toBe("sensor.renault_vf1ag000000000001_battery_level");
    expect(JSON.stringify(cmps)).not.toContain("obj_id");
  });

  it("has a device tracker on JSON attributes only, with the car's picture", () => {
    const tracker = components(buildDiscovery(car, topics, origin).payload).location;
    expect(tracker).toMatchObject({
      p: "device_tracker",
      json_attr_t: "renault-api/VF1AG000000000001/location",
      name: null,
      ent_pic: "https://example.org/zoe.png",
    });
    expect(tracker).not.toHaveProperty("stat_t");
  });

  it("has commands: refresh disabled by default, bounded numbers, a select of charge modes", () => {
    const cmps = components(buildDiscovery(car, topics, origin).payload);
    expect(cmps.refresh_location).toMatchObject({
      p: "button",
      en: false,
      cmd_t: "renault-api/VF1AG000000000001/command/refresh-location",
    });
    expect(cmps.horn).not.toHaveProperty("en");
    expect(cmps.soc_min).toMatchObject({ p: "number", min: 15, max: 45, step: 5 });
    expect(cmps.soc_target).toMatchObject({ min: 55, max: 100, step: 5 });
    expect(cmps.charge_mode).toMatchObject({ p: "select", ops: ["always_charging", "schedule_mode"] });
    expect(cmps.health).toMatchObject({
      ent_cat: "diagnostic",
      stat_t: "renault-api/VF1AG000000000001/health",
    });
  });

  it("announces only what is supported, keeps an entity on unknown, removes it only on unsupported", () => {
    const first = buildDiscovery(car, topics, origin);
    expect(first.announced.has("tyre_pressure_front_left")).toBe(true);
    expect(first.announced.has("charge_stop")).toBe(false); // left out = unknown, never announced

    const transient = buildDiscovery(
      { ...car, support: { ...ALL_SUPPORTED, pressure: "unknown" } },
      topics,
      origin,
      first.announced,
    );
    expect(components(transient.payload).tyre_pressure_front_left).toMatchObject({
      p: "sensor",
      uniq_id: expect.any(String),
    });
    expect(transient.removed.size).toBe(0);

    const gone = buildDiscovery(
      { ...car, support: { ...ALL_SUPPORTED, pressure: "unsupported" } },
      topics,
      origin,
      first.announced,
    );
    expect(components(gone.payload).tyre_pressure_front_left).toEqual({ p: "sensor" });
    expect(gone.announced.has("tyre_pressure_front_left")).toBe(false);
    expect(validateDeviceDiscovery(gone.topic, gone.payload)).toEqual([]);

    const after = buildDiscovery(
      { ...car, support: { ...ALL_SUPPORTED, pressure: "unsupported" } },
      topics,
      origin,
      gone.announced,
    );
    expect(components(after.payload)).not.toHaveProperty("tyre_pressure_front_left");
  });
});

describe("discovery validator", () => {
  const topic = "homeassistant/device/renault_X/config";
  const base = {
    dev: { ids: ["x"], name: "Car" },
    o: { name: "bridge" },
    cmps: { soc: { p: "sensor", uniq_id: "x_soc", stat_t: "a/b", dev_cla: "battery", unit_of_meas: "%" } },
  };
  const withComponent = (component: Record<string, unknown>) =>
    JSON.stringify({ ...base, cmps: { c: { p: "sensor", uniq_id: "x_c", stat_t: "a/b", ...component } } });

  it("accepts a minimal valid payload and an empty (delete) payload", () => {
    expect(validateDeviceDiscovery(topic, JSON.stringify(base))).toEqual([]);
    expect(validateDeviceDiscovery(topic, "")).toEqual([]);
  });

  it.each([
    [
      "a unit not valid for the device class",
      { dev_cla: "temperature", unit_of_meas: "C" },
      "not valid with device_class",
    ],
    ["an unknown device class", { dev_cla: "fuel" }, "unknown sensor device_class"],
    [
      "an impossible state class",
      { dev_cla: "energy", unit_of_meas: "kWh", stat_cla: "measurement" },
      "impossible",
    ],
    ["options without enum", { ops: ["a"] }, "need device_class enum"],
    ["the deprecated object_id", { obj_id: "car" }, "object_id is deprecated"],
    ["a bare default_entity_id", { def_ent_id: "car_soc" }, "default_entity_id"],
    ["entity_category config on a sensor", { ent_cat: "config" }, "cannot have entity_category config"],
    ["a wildcard state topic", { stat_t: "a/+" }, "wildcard"],
  ])("rejects %s", (_what, component, message) => {
    expect(validateDeviceDiscovery(topic, withComponent(component)).join("\n")).toContain(message);
  });

  it("rejects a missing unique_id, duplicates, a tracker state topic, bad numbers and root keys", () => {
    const errors = (payload: unknown) => validateDeviceDiscovery(topic, JSON.stringify(payload)).join("\n");
    expect(errors({ ...base, cmps: { c: { p: "sensor", stat_t: "a" } } })).toContain("unique_id is required");
    expect(
      errors({
        ...base,
        cmps: {
          a: { p: "sensor", uniq_id: "u", stat_t: "a" },
          b: { p: "sensor", uniq_id: "u", stat_t: "b" },
        },
      }),
    ).toContain("duplicate unique_id");
    expect(
      errors({ ...base, cmps: { t: { p: "device_tracker", uniq_id: "t", json_attr_t: "a", stat_t: "b" } } }),
    ).toContain("must not have a state_topic");
    expect(
      errors({ ...base, cmps: { n: { p: "number", uniq_id: "n", cmd_t: "a", min: 5, max: 5 } } }),
    ).toContain("min must be less than max");
    expect(errors({ ...base, cmps: { b: { p: "button", uniq_id: "b" } } })).toContain(
      "button requires command_topic",
    );
    expect(errors({ ...base, "~": "x" })).toContain('key "~" is not allowed');
    expect(errors({ cmps: base.cmps })).toContain("device is required");
    expect(errors({ ...base, o: {} })).toContain("origin: name is required");
    expect(validateDeviceDiscovery("homeassistant/sensor/x/config", JSON.stringify(base)).join()).toContain(
      "not <prefix>/device",
    );
  });
});
