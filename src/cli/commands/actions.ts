/** `horn`, `lights` and `refresh-location`: one-shot actions. */
import { defineCommand } from "../command.js";

export const horn = defineCommand({
  name: "horn",
  summary: "Sound the horn.",
  endpoints: ["POST actions/horn-start (kca/car-adapter/v1/cars/{vin}/actions/horn-lights)"],
  async run(context) {
    const vehicle = await context.vehicle();
    const result = await vehicle.honkHorn(context.call);
    context.output(
      result,
      () => "Horn request sent: the horn should sound 3 times (this may take a few seconds).",
    );
  },
});

export const lights = defineCommand({
  name: "lights",
  summary: "Flash the lights.",
  endpoints: ["POST actions/lights-start (kca/car-adapter/v1/cars/{vin}/actions/horn-lights)"],
  async run(context) {
    const vehicle = await context.vehicle();
    const result = await vehicle.flashLights(context.call);
    context.output(
      result,
      () => "Lights request sent: the lights should flash 3 times (this may take a few seconds).",
    );
  },
});

export const refreshLocation = defineCommand({
  name: "refresh-location",
  summary: "Ask the car for a fresh position.",
  description:
    "Ask the car for a fresh position (it answers in about 12 s). On a parked car this may replace\n" +
    'a good position with "no fix" until the next trip, also in the MyRenault app.',
  endpoints: ["POST actions/refresh-location"],
  async run(context) {
    const vehicle = await context.vehicle();
    const result = await vehicle.refreshLocation(context.call);
    context.output(
      result,
      () => "Location refresh requested: read it in a few seconds with `renault-api location`.",
    );
  },
});
