/**
 * The contract between the simulator and the client: the simulator decides what each car supports
 * from its own data (src/simulator/models.ts), the client routes from its own table. This test
 * compares the two, model by model and key by key, and fails on any difference that is not in
 * ACCEPTED_DIFFERENCES with its reason — and on an accepted difference that no longer exists.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { EndpointNotAvailableError } from "../src/errors.js";
import { ENDPOINT_KEYS } from "../src/registry/keys.js";
import { MODEL_ENDPOINTS, resolveEndpoint } from "../src/registry/routing.js";
import {
  MODEL_SUPPORT,
  pathOf,
  refusalOf,
  routesOf,
  SIM_KEYS,
  type SimKey,
} from "../src/simulator/models.js";

/** A difference the project accepts, with why; key `*`: every key of a model the client lacks. */
interface AcceptedDifference {
  readonly model: string;
  readonly key: string;
  readonly reason: string;
}

/*
 * Empty since issue 15.1 brought the client's routing up to protocol-additions.md. The checks
 * below still fail on an unlisted difference, and on a listed one that no longer exists.
 */
const ACCEPTED_DIFFERENCES: readonly AcceptedDifference[] = [];

/** How the client reaches `key` on `model`: "refused", or the path (+ " (stop)" for kca-stop). */
function clientRoute(model: string, key: SimKey): string {
  try {
    const definition = resolveEndpoint(model, key);
    return definition.mode === "kca-stop" ? `${definition.path} (stop)` : definition.path;
  } catch (error) {
    if (error instanceof EndpointNotAvailableError) return "refused";
    throw error;
  }
}

/** The routes the simulated car answers on for `key`, in the same notation. */
function simulatorRoutes(model: string, key: SimKey): readonly string[] {
  if (refusalOf(model, key) !== undefined) return ["refused"];
  return routesOf(model, key).map((route) =>
    route === "hvac-stop-with-stop" ? `${pathOf(route, key)} (stop)` : pathOf(route, key),
  );
}

function differences(): string[] {
  const models = [...new Set([...Object.keys(MODEL_ENDPOINTS), ...Object.keys(MODEL_SUPPORT)])].sort();
  return models.flatMap((model) =>
    SIM_KEYS.flatMap((key) => {
      const client = clientRoute(model, key);
      const simulator = simulatorRoutes(model, key);
      return simulator.includes(client)
        ? []
        : [`${model} ${key}: client ${client}, simulator ${simulator.join(" | ")}`];
    }),
  );
}

describe("simulator ⇄ client routing contract", () => {
  test("both sides know the same logical keys", () => {
    expect([...SIM_KEYS].sort()).toEqual([...ENDPOINT_KEYS].sort());
  });

  test("every difference is accepted with a reason, and every accepted one still exists", () => {
    const found = differences();
    const covers = ({ model, key }: AcceptedDifference, line: string) =>
      key === "*" ? line.startsWith(`${model} `) : line.startsWith(`${model} ${key}:`);
    const unlisted = found.filter((line) => !ACCEPTED_DIFFERENCES.some((entry) => covers(entry, line)));
    const stale = ACCEPTED_DIFFERENCES.filter((entry) => !found.some((line) => covers(entry, line)));
    expect(unlisted, "differences not in ACCEPTED_DIFFERENCES").toEqual([]);
    expect(stale, "accepted differences that no longer exist").toEqual([]);
    // A whole model may only be accepted while the client does not know it at all.
    for (const { model } of ACCEPTED_DIFFERENCES.filter(({ key }) => key === "*"))
      expect(Object.hasOwn(MODEL_ENDPOINTS, model), `${model} is in the client's table: list its keys`).toBe(
        false,
      );
    for (const difference of ACCEPTED_DIFFERENCES) expect(difference.reason.length).toBeGreaterThan(20);
  });

  test("the comparison sees a wrong client route", () => {
    // A model the simulator knows, asked for a key it refuses: the client's default route differs.
    expect(clientRoute("UNKNOWN", "lock-status")).toBe("/kca/car-adapter/v1/cars/{vin}/lock-status");
    expect(simulatorRoutes("X101VE", "lock-status")).toEqual(["refused"]);
    expect(simulatorRoutes("X101VE", "cockpit")).toEqual(["/kca/car-adapter/v1/cars/{vin}/cockpit"]);
  });

  test("no simulator module imports the client's routing", () => {
    const folder = join(import.meta.dirname, "../src/simulator");
    const offenders = readdirSync(folder, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .filter((file) =>
        /from "(\.\.\/)+(kamereon\/endpoints|registry|vehicle)[^"]*"/.test(
          readFileSync(join(folder, file), "utf8"),
        ),
      );
    expect(offenders).toEqual([]);
  });
});
