/**
 * The schema of each read, so that `vehicle.read(key)`'s result type follows from the key. A read
 * is decoded from the JSON:API `data.attributes` (`attributes`) or from the whole body (`body`);
 * `charge-schedule` has one schema per route mode (KCA calendar, or KCM `ev/settings`).
 */
import type * as v from "valibot";
import { AlertsSchema } from "../kamereon/models/account.js";
import { BatterySocSchema, BatteryStatusSchema } from "../kamereon/models/battery.js";
import {
  ChargeHistorySchema,
  ChargeModeSchema,
  ChargesSchema,
  ChargingSettingsSchema,
  EvSettingsSchema,
  KcaChargeScheduleSchema,
} from "../kamereon/models/charge.js";
import { parse, parseAttributes } from "../kamereon/models/common.js";
import {
  HvacHistorySchema,
  HvacSessionsSchema,
  HvacSettingsSchema,
  HvacStatusSchema,
} from "../kamereon/models/hvac.js";
import { LocationSchema } from "../kamereon/models/location.js";
import {
  CockpitSchema,
  LockStatusSchema,
  NotificationSettingsSchema,
  ResStateSchema,
  TyrePressureSchema,
} from "../kamereon/models/status.js";
import type { EndpointMode, ReadKey } from "./keys.js";

/** How one read is decoded. */
export interface ReadSpec<T> {
  /** The schema (of the KCA route, when the route mode changes it). */
  readonly schema: v.GenericSchema;
  /** The key a bare JSON array answer is wrapped under (the transport's `arrayKey`). */
  readonly arrayKey?: string;
  decode(body: unknown, mode: EndpointMode): T;
}

const attributes = <const S extends v.GenericSchema>(
  schema: S,
  key: ReadKey,
): ReadSpec<v.InferOutput<S>> => ({
  schema,
  decode: (body) => parseAttributes(schema, body, key),
});
const whole = <const S extends v.GenericSchema>(schema: S, key: ReadKey): ReadSpec<v.InferOutput<S>> => ({
  schema,
  decode: (body) => parse(schema, body, key),
});

const SPECS = {
  alerts: {
    schema: AlertsSchema,
    arrayKey: "data",
    decode: (body: unknown) => parse(AlertsSchema, body, "alerts").data ?? [],
  },
  "battery-status": attributes(BatteryStatusSchema, "battery-status"),
  "charge-history": attributes(ChargeHistorySchema, "charge-history"),
  "charge-mode": attributes(ChargeModeSchema, "charge-mode"),
  "charge-schedule": {
    schema: KcaChargeScheduleSchema,
    decode: (body: unknown, mode: EndpointMode) =>
      mode === "kcm-settings"
        ? parse(EvSettingsSchema, body, "charge-schedule")
        : parseAttributes(KcaChargeScheduleSchema, body, "charge-schedule"),
  },
  charges: attributes(ChargesSchema, "charges"),
  "charging-settings": attributes(ChargingSettingsSchema, "charging-settings"),
  cockpit: attributes(CockpitSchema, "cockpit"),
  "hvac-history": attributes(HvacHistorySchema, "hvac-history"),
  "hvac-sessions": attributes(HvacSessionsSchema, "hvac-sessions"),
  "hvac-settings": attributes(HvacSettingsSchema, "hvac-settings"),
  "hvac-status": attributes(HvacStatusSchema, "hvac-status"),
  location: attributes(LocationSchema, "location"),
  "lock-status": attributes(LockStatusSchema, "lock-status"),
  "notification-settings": attributes(NotificationSettingsSchema, "notification-settings"),
  pressure: attributes(TyrePressureSchema, "pressure"),
  "res-state": attributes(ResStateSchema, "res-state"),
  "soc-levels": whole(BatterySocSchema, "soc-levels"),
} satisfies Record<ReadKey, ReadSpec<unknown>>;

/** What `vehicle.read(key)` returns for each read key. */
export type ReadResult<K extends ReadKey> = ReturnType<(typeof SPECS)[K]["decode"]>;

/** The decoder of each read key. */
export const READS: { readonly [K in ReadKey]: ReadSpec<ReadResult<K>> } = SPECS;
