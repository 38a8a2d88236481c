/** `simulator`: runs the built-in simulator of Renault's cloud until interrupted. */
import { resolve } from "node:path";
import { defineCommand } from "../command.js";
import { parseFaults, startSimulatorServer } from "../demo.js";
import { table } from "../render.js";
import { UsageError } from "../usage.js";

export const simulator = defineCommand({
  name: "simulator",
  summary: "Run the built-in simulator of Renault's cloud.",
  description:
    "Serve Gigya and Kamereon on 127.0.0.1 with a demo account and cars, until Ctrl-C. Point the\n" +
    "CLI (or any client) at it with the environment variables it prints. No real account is touched.",
  options: {
    port: { type: "integer", default: 0, description: "TCP port (0: any free port)" },
    latency: {
      type: "integer",
      valueName: "MS",
      description: "delay added to every answer, in milliseconds",
    },
    faults: {
      type: "string",
      valueName: "SPEC",
      description:
        "faults to inject, e.g. 502html@3,proxy@battery-status,privacy@location:*,gigya-403042@login (docs/simulator.md)",
    },
    "jwt-ttl": { type: "integer", valueName: "SECONDS", description: "lifetime of the JWTs it mints" },
    quota: {
      type: "integer",
      valueName: "N",
      description: "requests allowed per account before quota errors",
    },
    speed: {
      type: "integer",
      valueName: "N",
      description: "simulated seconds per real second: cars charge and act N times faster",
    },
    "action-delay": {
      type: "integer",
      valueName: "MS",
      description: "simulated milliseconds before a car acts on an accepted action",
    },
    "model-quirks": {
      type: "boolean",
      description: "cars act late (10-30 s) and ignore the actions their model is known to ignore",
    },
    "new-models": { type: "boolean", description: "also serve the 2026 models in account-id-2026" },
    fixtures: {
      type: "string",
      valueName: "DIR",
      description: "also serve the car of a probe bundle (`renault-api probe`), as it answered",
    },
  },
  examples: ["renault-api simulator --port 8090 --latency 200"],
  async run(context, { options }) {
    if (options.port < 0 || options.port > 65535) throw new UsageError(`invalid --port ${options.port}`);
    const verbose = !context.globals.json;
    const sim = await startSimulatorServer({
      port: options.port,
      ...(options.latency === undefined ? {} : { latency: options.latency }),
      ...(options.faults === undefined ? {} : { faults: await parseFaults(options.faults) }),
      ...(options["jwt-ttl"] === undefined ? {} : { jwtTtl: options["jwt-ttl"] }),
      ...(options.quota === undefined ? {} : { quota: options.quota }),
      ...(options.speed === undefined ? {} : { clock: await simulatorClock(options.speed) }),
      ...(options["action-delay"] === undefined ? {} : { actionDelay: options["action-delay"] }),
      ...(options["model-quirks"] ? { modelQuirks: true } : {}),
      ...(options["new-models"] ? { newModels: true } : {}),
      ...(options.fixtures === undefined
        ? {}
        : { fixtures: resolve(context.io.cwd ?? process.cwd(), options.fixtures) }),
      onRequest: (request) => {
        if (!verbose) return;
        const outcome =
          request.status === undefined ? (request.fault ?? "no answer") : String(request.status);
        const fault = request.fault && request.status !== undefined ? ` (${request.fault})` : "";
        context.note(
          `${request.method} ${request.service} ${request.endpoint ?? request.path} -> ${outcome}${fault}`,
        );
      },
    });
    try {
      const env = {
        RENAULT_API_LOCALE: "fr_FR",
        RENAULT_API_GIGYA_URL: sim.gigyaUrl,
        RENAULT_API_GIGYA_API_KEY: sim.gigyaApiKey,
        RENAULT_API_KAMEREON_URL: sim.kamereonUrl,
        RENAULT_API_KAMEREON_API_KEY: sim.kamereonApiKey,
        RENAULT_API_CREDENTIALS: ".renault-api-simulator.json",
      };
      // The cars of a probe bundle (--fixtures) are the ones that are not demo cars.
      const { NEW_MODELS_ACCOUNT_ID } = await import("../../simulator/index.js");
      const probed = [...sim.world.vehicles.values()]
        .filter((car) => car.model === undefined && car.accountId !== NEW_MODELS_ACCOUNT_ID)
        .map((car) => ({ vin: car.vin, accountId: car.accountId, modelCode: car.modelCode }));
      context.output(
        {
          url: sim.url,
          gigyaUrl: sim.gigyaUrl,
          kamereonUrl: sim.kamereonUrl,
          gigyaApiKey: sim.gigyaApiKey,
          kamereonApiKey: sim.kamereonApiKey,
          demo: { email: sim.demo.email, password: sim.demo.password },
          env,
          probed,
        },
        () =>
          [
            `Simulator of Renault's cloud running at ${sim.url}`,
            table(undefined, [
              ["Gigya", sim.gigyaUrl],
              ["Kamereon", sim.kamereonUrl],
              ["Demo login", `${sim.demo.email} / ${sim.demo.password}`],
              ...probed.map((car) => [
                "Probed car",
                `${car.modelCode} --account ${car.accountId} --vin ${car.vin}`,
              ]),
            ]).trimEnd(),
            "",
            "Point the CLI at it (a separate credential file keeps your real login safe):",
            ...Object.entries(env).map(([name, value]) => `  export ${name}=${value}`),
            `  renault-api login --user ${sim.demo.email} --password ${sim.demo.password}`,
            "  renault-api status",
            "",
            "Press Ctrl-C to stop.",
          ].join("\n"),
      );
      await new Promise<void>((resolve) => {
        const signal = context.io.signal;
        if (!signal) return;
        if (signal.aborted) resolve();
        else
          signal.addEventListener(
            "abort",
            () => {
              resolve();
            },
            { once: true },
          );
      });
      if (!context.globals.json) context.note("Simulator stopped.");
    } finally {
      await sim.close();
    }
  },
});

async function simulatorClock(speed: number) {
  if (speed < 0) throw new UsageError(`invalid --speed ${speed}`);
  const { SimulatorClock } = await import("../../simulator/index.js");
  return new SimulatorClock({ speed });
}
