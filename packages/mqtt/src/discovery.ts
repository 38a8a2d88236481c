/**
 * Home Assistant device-based discovery for one vehicle, as data: which components to announce,
 * keep or remove, and the payload. Pure: the bridge publishes what this returns.
 */
import { ENTITIES, type EntityDefinition } from "./entities.js";
import type { Support, VehicleDescription } from "./feed.js";
import type { Topics } from "./topics.js";

/** The bridge as Home Assistant's `origin`. */
export interface Origin {
  readonly name: string;
  readonly sw?: string | undefined;
  readonly url?: string | undefined;
}

/** A discovery message and what it announces. */
export interface Discovery {
  readonly topic: string;
  /** The JSON payload (never empty: a car is never removed as a whole on a transient error). */
  readonly payload: string;
  /** Ids of the components announced (for the next call's `announced`). */
  readonly announced: ReadonlySet<string>;
  /** Ids reduced to `{ p }` in this payload: Home Assistant deletes them. */
  readonly removed: ReadonlySet<string>;
}

/** Whether an entity applies, from the support of its source and what the description holds. */
function supportOf(entity: EntityDefinition, vehicle: VehicleDescription): Support {
  if (entity.source === "bridge") {
    if (entity.id === "remote_protocol")
      return vehicle.remoteProtocol === undefined ? "unknown" : "supported";
    if (entity.id === "last_command") {
      const anyCommand = ENTITIES.some(
        (other) => other.command !== undefined && supportOf(other, vehicle) === "supported",
      );
      return anyCommand ? "supported" : "unknown";
    }
    return "supported";
  }
  if (entity.needs !== undefined && vehicle[entity.needs] === false) return "unsupported";
  const support = vehicle.support[entity.source] ?? "unknown";
  if (support !== "supported") return support;
  if (entity.bounds !== undefined && vehicle[entity.bounds] === undefined) return "unknown";
  if (entity.platform === "select" && (vehicle.chargeModes ?? []).length === 0) return "unknown";
  return "supported";
}

function entityConfig(
  entity: EntityDefinition,
  vehicle: VehicleDescription,
  topics: Topics,
): Record<string, unknown> {
  const vin = vehicle.vin;
  const objectId = `renault_${vin.toLowerCase()}_${entity.id}`;
  const config: Record<string, unknown> = {
    p: entity.platform,
    uniq_id: `renault_api_${vin}_${entity.id}`,
    def_ent_id: `${entity.platform}.${objectId}`,
    name: entity.name,
    ...entity.config,
  };
  switch (entity.state) {
    case "reading":
      config.stat_t = topics.reading(vin, entity.id);
      break;
    case "health":
      config.stat_t = topics.health(vin);
      break;
    case "result":
      config.stat_t = topics.result(vin);
      config.json_attr_t = topics.result(vin);
      break;
    case "location":
      config.json_attr_t = topics.location(vin);
      break;
    case "none":
      break;
  }
  if (entity.template !== undefined) config.val_tpl = entity.template;
  if (entity.command !== undefined) config.cmd_t = topics.command(vin, entity.command);
  if (entity.bounds !== undefined) {
    const bounds = vehicle[entity.bounds];
    if (bounds) Object.assign(config, { min: bounds.min, max: bounds.max, step: bounds.step });
  }
  if (entity.platform === "select") config.ops = [...(vehicle.chargeModes ?? [])];
  return config;
}

/** The device's display name: the description's, else brand and model, else the VIN. */
export function deviceName(vehicle: VehicleDescription): string {
  if (vehicle.name) return vehicle.name;
  const parts = [vehicle.brand, vehicle.model].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(" ") : vehicle.vin;
}

/**
 * The discovery message of one vehicle.
 *
 * A component is announced when its capability is `supported`; kept when it was announced before
 * and its capability is now `unknown` (a transient error never removes an entity); reduced to
 * `{ p }` (which deletes it in Home Assistant) only when the capability is `unsupported` and it
 * was announced before.
 * @param announced - the ids announced by the previous message of this vehicle
 */
export function buildDiscovery(
  vehicle: VehicleDescription,
  topics: Topics,
  origin: Origin,
  announced: ReadonlySet<string> = new Set(),
): Discovery {
  const components: Record<string, Record<string, unknown>> = {};
  const nowAnnounced = new Set<string>();
  const removed = new Set<string>();
  for (const entity of ENTITIES) {
    const support = supportOf(entity, vehicle);
    const keep = support === "supported" || (support === "unknown" && announced.has(entity.id));
    if (keep) {
      components[entity.id] = entityConfig(entity, vehicle, topics);
      nowAnnounced.add(entity.id);
    } else if (support === "unsupported" && announced.has(entity.id)) {
      components[entity.id] = { p: entity.platform };
      removed.add(entity.id);
    }
  }
  const device: Record<string, unknown> = {
    ids: [`renault_api_${vehicle.vin}`],
    name: deviceName(vehicle),
    mf: vehicle.brand ?? "Renault",
    sn: vehicle.vin,
  };
  if (vehicle.model !== undefined) device.mdl = vehicle.model;
  if (vehicle.modelCode !== undefined) device.mdl_id = vehicle.modelCode;
  const payload: Record<string, unknown> = {
    dev: device,
    o: {
      name: origin.name,
      ...(origin.sw ? { sw: origin.sw } : {}),
      ...(origin.url ? { url: origin.url } : {}),
    },
    avty: [{ t: topics.availability }],
    qos: 1,
    cmps: components,
  };
  // The picture goes on the device tracker (a device has no picture key in discovery).
  const tracker = components.location;
  if (
    vehicle.picture !== undefined &&
    /^https?:\/\//.test(vehicle.picture) &&
    tracker &&
    "uniq_id" in tracker
  ) {
    tracker.ent_pic = vehicle.picture;
  }
  return {
    topic: topics.discovery(vehicle.vin),
    payload: JSON.stringify(payload),
    announced: nowAnnounced,
    removed,
  };
}
