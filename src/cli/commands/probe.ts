/**
 * `probe`: ask every read endpoint of the vehicle once, within a request budget, and write a
 * capability report and an anonymised fixture bundle a contributor can share (docs/probe.md).
 */
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import {
  DEFAULT_PROBE_BUDGET,
  planProbe,
  probeVehicle,
  writeProbeBundle,
  capabilityJson,
  type ProbeResult,
  type ProbeStep,
} from "../../probe/index.js";
import { defineCommand } from "../command.js";
import type { Context } from "../context.js";
import { localMinute } from "../render.js";
import { UsageError } from "../usage.js";

const KAMEREON_ROOT = "/commerce/v1/accounts/{account_id}/kamereon";

export const probe = defineCommand({
  name: "probe",
  summary: "Probe the vehicle's endpoints into a capability report and an anonymised fixture bundle.",
  description:
    "Read the vehicle details and every read endpoint, one request at a time, within a request budget,\n" +
    "stopping at the first quota error. Each endpoint is classified: works (with the fields seen), not\n" +
    "supported (with the error code as evidence), no data yet, or failed (transient). The folder gets a\n" +
    "capability report (report.txt, and capabilities.json in the shape of a MODEL_ENDPOINTS entry) and\n" +
    "the answers, anonymised and laid out like fixtures/; a final scan for secrets deletes the folder\n" +
    "and fails if it finds any. Actions are sent only with --actions, each after a confirmation.\n" +
    "Serve the bundle with `renault-api simulator --fixtures DIR` (see CONTRIBUTING.md).",
  options: {
    budget: {
      type: "integer",
      valueName: "N",
      default: DEFAULT_PROBE_BUDGET,
      description: "most Kamereon requests to send, the details read included",
    },
    out: {
      type: "string",
      valueName: "DIR",
      description:
        "folder to write, which must not exist or be empty (default: renault-probe-<model code>-<date>)",
    },
    actions: {
      type: "boolean",
      description:
        "also send the actions (horn, lights, position refresh, HVAC, charging), each confirmed at a prompt",
    },
    "dry-run": { type: "boolean", description: "print every request the probe would send, and send nothing" },
    "shift-dates": {
      type: "integer",
      valueName: "DAYS",
      description: "move every date and timestamp in the bundle by DAYS days (earlier: --shift-dates=-30)",
    },
  },
  endpoints: [
    "GET vehicles",
    "GET person",
    "GET car-adapter",
    "GET every read endpoint (default path, and the KCM variants some models use)",
  ],
  examples: [
    "renault-api probe",
    "renault-api probe --budget 20 --out my-car",
    "renault-api probe --actions --dry-run",
    "renault-api --demo probe --out /tmp/demo-probe",
  ],
  async run(context, { options }) {
    if (options.budget < 1) throw new UsageError(`invalid --budget ${options.budget}: at least 1 request`);
    if (options["dry-run"]) {
      printPlan(context, planProbe({ actions: options.actions, now: context.now() }), options.budget);
      return;
    }
    if (options.actions && !context.prompt.interactive) {
      throw new UsageError(
        "--actions moves real things (horn, lights, HVAC, charging) and needs a terminal to confirm each one; " +
          "use --dry-run to see what would be sent",
      );
    }
    const cwd = context.io.cwd ?? process.cwd();
    const chosen = options.out === undefined ? undefined : resolve(cwd, options.out);
    if (chosen !== undefined && !(await isFree(chosen)))
      throw new UsageError(`--out ${options.out}: the folder exists and is not empty`);

    const vehicle = await context.vehicle();
    const report = await probeVehicle(vehicle, {
      budget: options.budget,
      actions: options.actions,
      confirmAction: (step) => confirm(context, step),
      onResult: (result, used) => {
        context.note(`[${used}/${options.budget}] ${result.step.name}: ${progress(result)}`);
      },
      onTrace: context.tracer.onTrace,
      now: () => context.now(),
      ...context.call,
    });
    const directory =
      chosen ?? (await freeFolder(cwd, `renault-probe-${report.modelCode ?? "unknown"}-${today(context)}`));
    const bundle = await writeProbeBundle(report, {
      directory,
      session: vehicle.session,
      emails: [context.io.env.RENAULT_API_USERNAME, context.demo?.email],
      shiftDays: options["shift-dates"],
    });
    context.output(
      {
        directory,
        files: bundle.files,
        budget: report.budget,
        used: report.used,
        stopped: report.stopped,
        capabilities: capabilityJson(bundle.capabilities),
      },
      () =>
        [
          bundle.text,
          "",
          `Wrote ${bundle.files.length} files to ${directory} (secret scan: clean):`,
          "  report.txt         this report",
          "  capabilities.json  the model entry for MODEL_ENDPOINTS, and the evidence for each key",
          "  probe.json         every request, its verdict and the file of its answer",
          "  kamereon/…         the answers, anonymised, laid out like fixtures/",
          `Check it: renault-api simulator --fixtures ${directory}`,
          `  then: renault-api --account ${bundle.report.accountId} --vin ${bundle.report.vin} status`,
          'Then open a pull request (CONTRIBUTING.md, "Adding a model or a sample").',
        ].join("\n"),
    );
    // The report is written; the exit code still says the quota cut it short.
    if (report.quotaError) throw report.quotaError;
  },
});

const VERDICTS = {
  works: "works",
  "not-supported": "not supported",
  "no-data": "no data yet",
  failed: "failed",
  "not-probed": "not probed",
} as const;

/** One line of progress: the verdict and its code or reason, e.g. `not supported (err.tech.501)`. */
function progress(result: ProbeResult): string {
  const why = result.code ?? result.error ?? result.reason;
  return why === undefined ? VERDICTS[result.verdict] : `${VERDICTS[result.verdict]} (${why})`;
}

async function confirm(context: Context, step: ProbeStep): Promise<boolean> {
  const path = step.path.replace(KAMEREON_ROOT, "");
  return context.prompt.confirm(
    `Send ${step.name} (${step.method} ${path}), which ${step.effect ?? "acts on the car"}?`,
    false,
  );
}

function printPlan(context: Context, steps: readonly ProbeStep[], budget: number): void {
  const request = (step: ProbeStep) => {
    const query = step.query === undefined ? "" : `?${new URLSearchParams(step.query).toString()}`;
    return `${step.method} ${step.path}${query}`;
  };
  context.output(
    steps.map((step, index) => ({
      name: step.name,
      method: step.method,
      path: step.path,
      ...(step.query === undefined ? {} : { query: step.query }),
      ...(step.body === undefined ? {} : { body: step.body }),
      withinBudget: index < budget,
    })),
    () => {
      const lines = [`The probe would send these requests, one at a time, at most ${budget}:`];
      steps.forEach((step, index) => {
        const over = index >= budget ? "  (over the budget: not sent)" : "";
        lines.push(`  ${String(index + 1).padStart(2)}. ${request(step)}${over}`);
        if (step.body !== undefined) {
          lines.push(`      body: ${JSON.stringify(step.body)}`);
          lines.push(`      ${step.effect ?? "acts on the car"}; asked for confirmation first`);
        }
      });
      lines.push("Dry run: nothing was sent and nothing was written.");
      return lines.join("\n");
    },
  );
}

async function isFree(directory: string): Promise<boolean> {
  try {
    return (await readdir(directory)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

/** `base`, or `base-2`, `base-3`… : the first that does not exist or is empty. */
async function freeFolder(cwd: string, base: string): Promise<string> {
  for (let index = 1; ; index++) {
    const candidate = join(cwd, index === 1 ? base : `${base}-${index}`);
    if (await isFree(candidate)) return candidate;
  }
}

function today(context: Context): string {
  return localMinute(context.now(), context.timeZone).slice(0, 10);
}
