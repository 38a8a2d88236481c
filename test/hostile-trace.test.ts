/**
 * Issue 20: what a trace prints of a huge answer is capped (defect 7), and a POST whose answer
 * never comes reads as "may have been sent", not as a refusal (defect 5, the transport's part).
 */
import { expect, test } from "vitest";
import { TimeoutError, type TraceEvent } from "../src/index.js";
import { TRACE_BODY_LIMIT } from "../src/http/excerpt.js";
import { send } from "../src/http/transport.js";
import { RenaultVehicle } from "../src/vehicle.js";
import { useHostileServer } from "./support/hostile-server.js";
import { loggedInSession, useSimulator } from "./support/sim.js";

test("a trace of a 2 MB answer carries its first 16 KiB and says how much it left out", async () => {
  const sim = await useSimulator();
  const events: TraceEvent[] = [];
  const session = await loggedInSession(sim, { onTrace: (event) => events.push(event) });
  const filler = "x".repeat(2 * 1024 * 1024);
  sim.route("GET", /\/cockpit$/, () => ({
    status: 200,
    body: { data: { type: "Car", id: "VF1", attributes: { totalMileage: 1234.5, filler } } },
  }));
  const vehicle = new RenaultVehicle({
    session,
    accountId: sim.demo.renaultAccountId,
    vin: sim.demo.vins.zoe40,
    details: { model: { code: "X101VE" } },
  });
  const cockpit = await vehicle.getCockpit();
  expect(cockpit.totalMileage).toBe(1234.5);
  const response = events.find((event) => event.type === "response" && event.url.includes("/cockpit"));
  expect(response?.type).toBe("response");
  const body = response?.type === "response" ? response.body : "";
  expect(body.length).toBeLessThan(TRACE_BODY_LIMIT + 100);
  expect(body).toMatch(/… \(\d+ more characters not shown\)$/);
  expect(body.startsWith('{"data":')).toBe(true);
});

test("a POST whose answer never comes is a TimeoutError that may have reached the server", async () => {
  const server = await useHostileServer();
  server.route("/actions/hvac-start", () => {
    // Receives the action and never answers: the car may well have acted.
  });
  const error = await send(
    { method: "POST", url: `${server.url}/actions/hvac-start`, headers: {}, body: '{"data":{}}' },
    { timeout: 150 },
  ).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TimeoutError);
  expect((error as TimeoutError).notSent).toBe(false);
  expect(server.requests).toEqual([expect.objectContaining({ method: "POST", body: '{"data":{}}' })]);
});
