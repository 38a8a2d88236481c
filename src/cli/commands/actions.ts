/** `horn`, `lights` and `refresh-location`: one-shot actions. */
import { defineCommand } from "../command.js";
import { ACTION_OPTIONS, runAction } from "./action-run.js";

export const horn = defineCommand({
  name: "horn",
  summary: "Sound the horn.",
  options: ACTION_OPTIONS,
  endpoints: ["POST actions/horn-start (kca/car-adapter/v1/cars/{vin}/actions/horn-lights)"],
  async run(context, { options }) {
    await runAction(context, { action: "horn" }, options, {
      what: "Horn",
      requested: "Horn request sent (not confirmed): the horn should sound 3 times within a few seconds.",
    });
  },
});

export const lights = defineCommand({
  name: "lights",
  summary: "Flash the lights.",
  options: ACTION_OPTIONS,
  endpoints: ["POST actions/lights-start (kca/car-adapter/v1/cars/{vin}/actions/horn-lights)"],
  async run(context, { options }) {
    await runAction(context, { action: "lights" }, options, {
      what: "Lights",
      requested: "Lights request sent (not confirmed): the lights should flash 3 times within a few seconds.",
    });
  },
});

export const refreshLocation = defineCommand({
  name: "refresh-location",
  summary: "Ask the car for a fresh position.",
  description:
    "Ask the car for a fresh position (it answers in about 12 s). On a parked car this may replace\n" +
    'a good position with "no fix" until the next trip, also in the MyRenault app.',
  options: ACTION_OPTIONS,
  endpoints: ["POST actions/refresh-location"],
  async run(context, { options }) {
    await runAction(context, { action: "refresh-location" }, options, {
      what: "Location refresh",
      requested:
        "Location refresh requested (not yet confirmed): read it in a few seconds with `renault-api location`.",
    });
  },
});
