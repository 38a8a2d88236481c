/** `horn`, `lights` and `refresh-location`: one-shot actions. */
import { defineCommand } from "../command.js";
import { AbortedError, UsageError } from "../usage.js";
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

const NO_FIX_WARNING =
  'On a parked car a refresh replaces the stored position with "no fix" until the next trip ' +
  "(also in the MyRenault app).";

export const refreshLocation = defineCommand({
  name: "refresh-location",
  summary: "Ask the car for a fresh position.",
  description:
    "Ask the car for a fresh position (it answers in about 12 s). On a parked car this replaces\n" +
    'the position with "no fix" (latitude 91, longitude 181) until the next trip, also in the\n' +
    "MyRenault app. Asks for confirmation on a terminal; without one, pass --yes.",
  options: {
    ...ACTION_OPTIONS,
    yes: { type: "boolean", description: 'send without asking (the position may become "no fix")' },
  },
  endpoints: ["POST actions/refresh-location"],
  async run(context, { options }) {
    if (!options.yes && !options["dry-run"]) {
      if (!context.prompt.interactive)
        throw new UsageError(
          `refresh-location: ${NO_FIX_WARNING} Pass --yes to send it (no terminal to ask on).`,
        );
      context.io.stderr.write(`${NO_FIX_WARNING}\n`);
      if (!(await context.prompt.confirm("Refresh the location anyway?", false)))
        throw new AbortedError("refresh-location: not sent");
    }
    await runAction(context, { action: "refresh-location" }, options, {
      what: "Location refresh",
      requested:
        "Location refresh requested (not yet confirmed): read it in a few seconds with `renault-api location` " +
        '(a parked car shows "no fix" until its next trip).',
    });
  },
});
