// Benchmark: round trips, quota spent and start-up time, against the built-in simulator.
// Usage: npm run bench   (builds first). Prints a table and writes bench/results.json;
// BENCH_UPDATE_README=1 also writes the table into the README's Performance section.
// Every number in the README's Performance section comes from this script.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "dist/cli/bin.js");
const rssProbe = join(root, "bench/report-rss.mjs");
const { RenaultClient, FileCredentialStore } = await import(join(root, "dist/index.js"));
const { startSimulator } = await import(join(root, "dist/simulator/index.js"));

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LATENCIES = [0, 100];

/** Median of numbers. */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
/** A difference in milliseconds with its sign: `+7.7 ms`, `−0.6 ms`. */
const signedMs = (value) => `${value < 0 ? "−" : "+"}${Math.abs(round(value))} ms`;

/** Runs the CLI as a child process; resolves with wall time, exit code, output and peak RSS. */
function runCli(args, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, NODE_OPTIONS: `--import ${rssProbe}`, ...env },
      stdio: ["ignore", "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let rss = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdio[3].on("data", (chunk) => (rss += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ ms: performance.now() - started, code, stdout, stderr, peakMb: Number(rss) / 1024 }),
    );
  });
}

function simEnv(sim, credentials) {
  return {
    RENAULT_API_CREDENTIALS: credentials,
    RENAULT_API_LOCALE: "fr_FR",
    RENAULT_API_GIGYA_URL: sim.gigyaUrl,
    RENAULT_API_GIGYA_API_KEY: sim.gigyaApiKey,
    RENAULT_API_KAMEREON_URL: sim.kamereonUrl,
    RENAULT_API_KAMEREON_API_KEY: sim.kamereonApiKey,
    RENAULT_API_MYR_URL: sim.myrUrl,
  };
}

function clientFor(sim, extra = {}) {
  return new RenaultClient({
    locale: "fr_FR",
    gigyaUrl: sim.gigyaUrl,
    gigyaApiKey: sim.gigyaApiKey,
    kamereonUrl: sim.kamereonUrl,
    kamereonApiKey: sim.kamereonApiKey,
    ...extra,
  });
}

const count = (sim, since, service) =>
  sim.requests.filter((r) => r.seq > since && (service === undefined || r.service === service)).length;

async function warmStatus(sim, folder, vin, concurrency) {
  const credentials = join(folder, `warm-${concurrency ?? "default"}.json`);
  const store = new FileCredentialStore(credentials);
  const client = clientFor(sim, { credentialStore: store });
  await client.login(sim.demo.email, sim.demo.password);
  await client.session.getJwt();
  await store.update({ "accound-id": sim.demo.renaultAccountId, vin });
  const env = {
    ...simEnv(sim, credentials),
    ...(concurrency ? { RENAULT_API_CONCURRENCY: String(concurrency) } : {}),
  };
  await runCli(["status"], env); // warm-up: the first run fills the OS cache
  const times = [];
  const memory = [];
  let requests = 0;
  let gigya = 0;
  for (let run = 0; run < RUNS; run++) {
    const since = sim.requests.length;
    const result = await runCli(["status"], env);
    if (result.code !== 0) throw new Error(`status failed: ${result.stderr}`);
    times.push(result.ms);
    memory.push(result.peakMb);
    requests = count(sim, since);
    gigya = count(sim, since, "gigya");
  }
  return { ms: median(times), peakMb: median(memory), maxPeakMb: Math.max(...memory), requests, gigya };
}

async function coldLogin(sim, folder, vin) {
  const times = [];
  let loginRequests = 0;
  let total = 0;
  for (let run = 0; run < RUNS; run++) {
    const credentials = join(folder, `cold-${run}.json`);
    await writeFile(credentials, JSON.stringify({ locale: "fr_FR" }), { mode: 0o600 });
    const env = {
      ...simEnv(sim, credentials),
      RENAULT_API_USERNAME: sim.demo.email,
      RENAULT_API_PASSWORD: sim.demo.password,
    };
    const since = sim.requests.length;
    const login = await runCli(["login"], env);
    if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
    loginRequests = count(sim, since);
    const status = await runCli(["--account", sim.demo.renaultAccountId, "--vin", vin, "status"], env);
    if (status.code !== 0) throw new Error(`status failed: ${status.stderr}`);
    times.push(login.ms + status.ms);
    total = count(sim, since);
  }
  return { ms: median(times), loginRequests, requests: total };
}

async function concurrentReads(sim, vins) {
  const client = clientFor(sim);
  const sinceLogin = sim.requests.length;
  await client.login(sim.demo.email, sim.demo.password);
  const account = await client.account(sim.demo.renaultAccountId);
  const vehicles = await account.getVehicles();
  const reads = ["getCockpit", "getBatteryStatus", "getLocation", "getHvacStatus", "getChargeMode"];
  const since = sim.requests.length;
  const latencies = [];
  const jobs = Array.from({ length: 50 }, async (_, index) => {
    const vehicle = vehicles[index % vehicles.length];
    const method = reads[Math.floor(index / vehicles.length) % reads.length];
    const started = performance.now();
    await vehicle[method]().catch(() => undefined);
    latencies.push(performance.now() - started);
  });
  await Promise.all(jobs);
  return {
    requests: count(sim, since, "kamereon"),
    jwtMints: sim.requests.filter((r) => r.seq > sinceLogin && r.path === "/accounts.getJWT").length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    vehicles: vins.length,
  };
}

async function startup(args) {
  const times = [];
  const memory = [];
  for (let run = 0; run < Math.max(RUNS, 7); run++) {
    const result = await runCli(args, {});
    if (result.code !== 0) throw new Error(`${args.join(" ")} failed: ${result.stderr}`);
    times.push(result.ms);
    memory.push(result.peakMb);
  }
  return { ms: median(times), peakMb: median(memory) };
}

/** One `node -e 0` under the same probe: the floor no CLI can go below on this machine. */
function nodeOnce() {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", "0"], {
      env: { ...process.env, NODE_OPTIONS: `--import ${rssProbe}` },
      stdio: ["ignore", "ignore", "ignore", "pipe"],
    });
    let rss = "";
    child.stdio[3].on("data", (chunk) => (rss += chunk));
    child.on("error", reject);
    child.on("close", () => resolve({ ms: performance.now() - started, peakMb: Number(rss) / 1024 }));
  });
}

/**
 * `--help` and `node -e 0` run alternately, so that both see the same load on a shared machine;
 * the cost of `--help` is the median of the pairwise differences.
 */
async function helpAboveFloor() {
  const help = [];
  const floor = [];
  const differences = [];
  for (let run = 0; run < Math.max(RUNS, 7) * 2; run++) {
    const node = await nodeOnce();
    const result = await runCli(["--help"], {});
    if (result.code !== 0) throw new Error(`--help failed: ${result.stderr}`);
    floor.push(node);
    help.push(result);
    differences.push(result.ms - node.ms);
  }
  return {
    help: { ms: median(help.map((r) => r.ms)), peakMb: median(help.map((r) => r.peakMb)) },
    floor: { ms: median(floor.map((r) => r.ms)), peakMb: median(floor.map((r) => r.peakMb)) },
    helpAboveFloorMs: median(differences),
  };
}

async function importTime() {
  const script = `const t = performance.now(); await import(${JSON.stringify(join(root, "dist/index.js"))}); process.stdout.write(String(performance.now() - t));`;
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const output = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["--input-type=module", "-e", script]);
      let text = "";
      child.stdout.on("data", (chunk) => (text += chunk));
      child.on("error", reject);
      child.on("close", () => resolve(text));
    });
    times.push(Number(output));
  }
  return median(times);
}

async function packageFacts() {
  const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
  const dependencies = Object.keys(pkg.dependencies ?? {});
  const { execFileSync } = await import("node:child_process");
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8" }),
  )[0];
  let dependencyBytes = 0;
  for (const name of dependencies) {
    const out = execFileSync("du", ["-sb", join(root, "node_modules", name)], { encoding: "utf8" });
    dependencyBytes += Number(out.split("\t")[0]);
  }
  return {
    runtimeDependencies: dependencies.length,
    dependencyNames: dependencies,
    packageKb: round(packed.size / 1024),
    installedKb: round((packed.unpackedSize + dependencyBytes) / 1024),
  };
}

const results = {
  date: new Date().toISOString(),
  node: process.version,
  runs: RUNS,
  cores: availableParallelism(),
  // The machine's load when the run started: other work slows every wall time (the floor too).
  loadAverage: round(loadavg()[0], 1),
  latency: {},
};
const folder = await mkdtemp(join(tmpdir(), "renault-api-bench-"));
try {
  for (const latency of LATENCIES) {
    const sim = await startSimulator({ latency });
    // ZOE 50: the car of issue 14's measure (five reads in `status`).
    const vin = sim.demo.vins.zoe50;
    try {
      const warm = await warmStatus(sim, folder, vin);
      const sequential = await warmStatus(sim, folder, vin, 1);
      const cold = await coldLogin(sim, folder, vin);
      const concurrent = await concurrentReads(sim, [...sim.world.vehicles.keys()]);
      results.latency[latency] = {
        warmStatus: warm,
        sequentialStatus: sequential,
        speedup: round(sequential.ms / warm.ms, 2),
        warmStatusInRoundTrips: latency > 0 ? round(warm.ms / latency, 2) : undefined,
        coldLogin: cold,
        concurrentReads: concurrent,
      };
    } finally {
      await sim.close();
    }
  }
  results.version = await startup(["--version"]);
  const help = await helpAboveFloor();
  results.help = help.help;
  results.nodeFloorMs = help.floor.ms;
  results.nodeFloorPeakMb = help.floor.peakMb;
  results.helpAboveFloorMs = help.helpAboveFloorMs;
  results.importMs = await importTime();
  Object.assign(results, await packageFacts());
} finally {
  await rm(folder, { recursive: true, force: true });
}

const targets = [];
const at100 = results.latency[100];
const check = (name, ok, value) => targets.push({ name, ok, value });
check("warm status ≤ 3 RTT at 100 ms", at100.warmStatus.ms <= 300, `${round(at100.warmStatus.ms)} ms`);
check("warm status ≥ 4× faster than sequential (100 ms)", at100.speedup >= 4, `${at100.speedup}×`);
check(
  "warm status peak RSS ≤ 60 MiB",
  Math.max(...LATENCIES.map((l) => results.latency[l].warmStatus.maxPeakMb)) <= 60,
  `${round(at100.warmStatus.peakMb)} MiB median, ${round(Math.max(...LATENCIES.map((l) => results.latency[l].warmStatus.maxPeakMb)))} MiB max`,
);
check("--help within 60 ms of node -e 0", results.helpAboveFloorMs <= 60, signedMs(results.helpAboveFloorMs));
check("0 Gigya requests on a warm run", at100.warmStatus.gigya === 0, `${at100.warmStatus.gigya}`);
check(
  "≤ 3 requests for a cold login",
  at100.coldLogin.loginRequests <= 3,
  `${at100.coldLogin.loginRequests}`,
);
check(
  "50 concurrent reads → 1 JWT mint",
  at100.concurrentReads.jwtMints === 1,
  `${at100.concurrentReads.jwtMints}`,
);
check("--version < 150 ms median", results.version.ms < 150, `${round(results.version.ms)} ms`);
check("--version < 60 MiB peak", results.version.peakMb < 60, `${round(results.version.peakMb)} MiB`);
check("≤ 4 runtime dependencies", results.runtimeDependencies <= 4, `${results.runtimeDependencies}`);
results.targets = targets;

await writeFile(join(root, "bench/results.json"), JSON.stringify(results, null, 2) + "\n");

const rows = [["measure", "0 ms latency", "100 ms latency"]];
const both = (f) => LATENCIES.map((l) => f(results.latency[l]));
rows.push(["warm `status`: wall time", ...both((r) => `${round(r.warmStatus.ms)} ms`)]);
rows.push(["warm `status`: peak RSS (median)", ...both((r) => `${round(r.warmStatus.peakMb)} MiB`)]);
rows.push([
  "warm `status`: requests (Gigya)",
  ...both((r) => `${r.warmStatus.requests} (${r.warmStatus.gigya})`),
]);
rows.push(["sequential `status` (concurrency 1)", ...both((r) => `${round(r.sequentialStatus.ms)} ms`)]);
rows.push(["speed-up concurrent vs sequential", ...both((r) => `${r.speedup}×`)]);
rows.push(["cold login → first status: wall time", ...both((r) => `${round(r.coldLogin.ms)} ms`)]);
rows.push([
  "cold login: requests (login / total)",
  ...both((r) => `${r.coldLogin.loginRequests} / ${r.coldLogin.requests}`),
]);
rows.push([
  "50 concurrent reads: requests, JWT mints",
  ...both((r) => `${r.concurrentReads.requests}, ${r.concurrentReads.jwtMints}`),
]);
rows.push([
  "50 concurrent reads: p50 / p99",
  ...both((r) => `${round(r.concurrentReads.p50)} / ${round(r.concurrentReads.p99)} ms`),
]);
const single = (label, value) => rows.push([label, value, ""]);
single(
  "`--version`: median wall / peak RSS",
  `${round(results.version.ms)} ms / ${round(results.version.peakMb)} MiB`,
);
single(
  "`--help`: median wall / peak RSS",
  `${round(results.help.ms)} ms / ${round(results.help.peakMb)} MiB`,
);
single(
  "`node -e 0` (the floor): wall / peak RSS",
  `${round(results.nodeFloorMs)} ms / ${round(results.nodeFloorPeakMb)} MiB`,
);
single("`--help` above `node -e 0` (paired runs)", signedMs(results.helpAboveFloorMs));
single("library import time (median)", `${round(results.importMs)} ms`);
single("runtime dependencies", `${results.runtimeDependencies} (${results.dependencyNames.join(", ")})`);
single("package / installed size", `${results.packageKb} kB / ${results.installedKb} kB`);

const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
const line = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`;
const report = [
  line(rows[0]),
  `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`,
  ...rows.slice(1).map(line),
  "",
  "Targets:",
  "",
  ...targets.map((target) => `- ${target.ok ? "met" : "**NOT MET**"}: ${target.name}: ${target.value}`),
  "",
  `Node ${process.version}, ${RUNS} runs per measure, ${results.date.slice(0, 10)}, ${results.cores} cores, ` +
    `load average ${results.loadAverage} at the start; written to bench/results.json`,
];
console.log(report.join("\n"));

// BENCH_UPDATE_README=1 puts this run's table into the README's Performance section.
if (process.env.BENCH_UPDATE_README === "1") {
  const readme = join(root, "README.md");
  const text = await readFile(readme, "utf8");
  const start = "<!-- bench:table:start -->\n";
  const end = "<!-- bench:table:end -->";
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error("README.md has no bench:table markers");
  await writeFile(readme, text.slice(0, from + start.length) + report.join("\n") + "\n" + text.slice(to));
  console.log("README.md updated");
}

// The watch benchmark (issue 16): a simulated day, watcher against a fixed-interval poller.
const { runWatchDay } = await import("./watch-day.mjs");
console.log("\n" + (await runWatchDay()).table);
