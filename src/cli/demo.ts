/**
 * `--demo` and `renault-api simulator`: the built-in simulator of Renault's cloud, started in this
 * process. The only CLI module that touches `src/simulator`, and only through its public entry.
 */
import type { FaultSpec, Simulator, SimulatorOptions } from "../simulator/index.js";
import { UsageError } from "./usage.js";

/** A running in-process simulator with the demo login and a default account and vehicle. */
export interface Demo {
  readonly email: string;
  readonly password: string;
  readonly accountId: string;
  readonly vin: string;
  readonly locale: string;
  /** Client settings pointing at the simulator. */
  readonly options: {
    readonly locale: string;
    readonly gigyaUrl: string;
    readonly gigyaApiKey: string;
    readonly kamereonUrl: string;
    readonly kamereonApiKey: string;
    readonly myrUrl: string;
  };
  readonly simulator: Simulator;
  /** The account holding a demo car, so `--demo --vin X` needs no `--account`. */
  accountOf(vin: string): string | undefined;
  close(): Promise<void>;
}

/** Starts a simulator (the `simulator` command). */
export async function startSimulatorServer(options: SimulatorOptions): Promise<Simulator> {
  const { startSimulator } = await import("../simulator/index.js");
  return startSimulator(options);
}

/** Parses a `--faults` spec; a bad one is a usage error naming the bad item. */
export async function parseFaults(text: string): Promise<FaultSpec[]> {
  const { parseFaultSpec } = await import("../simulator/index.js");
  try {
    return parseFaultSpec(text);
  } catch (error) {
    throw new UsageError(
      `invalid value for --faults: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * `--demo login --tfa`: the demo user now needs the code the simulator "e-mails" (two-factor).
 * @returns the last code sent to the demo user, for the CLI to show
 */
export async function requireDemoTwoFactor(demo: Demo): Promise<() => string | undefined> {
  const { simulatorTfa } = await import("../simulator/index.js");
  const tfa = simulatorTfa(demo.simulator.world);
  tfa.requireTwoFactor(demo.email);
  return () => tfa.lastCode(demo.email);
}

/** Starts a private simulator on a free port for `--demo`. */
export async function startDemo(options: SimulatorOptions = {}): Promise<Demo> {
  const simulator = await startSimulatorServer(options);
  const accountId = simulator.demo.renaultAccountId;
  const vin = simulator.demo.models.find((model) => model.accountId === accountId)?.vin ?? "";
  const locale = "fr_FR";
  return {
    email: simulator.demo.email,
    password: simulator.demo.password,
    accountId,
    vin,
    locale,
    options: {
      locale,
      gigyaUrl: simulator.gigyaUrl,
      gigyaApiKey: simulator.gigyaApiKey,
      kamereonUrl: simulator.kamereonUrl,
      kamereonApiKey: simulator.kamereonApiKey,
      myrUrl: simulator.myrUrl,
    },
    simulator,
    accountOf: (wanted) => simulator.demo.models.find((model) => model.vin === wanted)?.accountId,
    close: () => simulator.close(),
  };
}
