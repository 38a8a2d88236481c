// Benchmark (issue 16, item 7): a simulated day for one EV (20 h parked, a 40-minute trip, a
// 3-hour charge) watched with a budget of 45 requests/hour, against a fixed-interval poller that
// spends the same budget evenly over the same reads the way Home Assistant does (every interval,
// every read). Reports requests per hour and the delay from each car event to the first change
// event showing it. Runs on the simulator's clock: no real waiting.
// Usage: npm run build && node bench/watch-day.mjs   (also run by `npm run bench`).
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { RenaultClient } = await import(join(root, "dist/index.js"));
const { SimulatorClock, startSimulator } = await import(join(root, "dist/simulator/index.js"));

const BUDGET = 45;
const HOUR = 3_600_000;
const DAY_START = Date.parse("2026-12-01T00:00:00Z");
const DAY_END = DAY_START + 24 * HOUR;
const at = (hhmm) => Date.parse(`2026-12-01T${hhmm}:00Z`);
/** The car's events and the field of the change that shows each. */
const CAR_EVENTS = [
  { name: "trip end", at: at("07:40"), fields: ["totalMileage", "batteryLevel"] },
  { name: "plug-in", at: at("18:30"), fields: ["plugStatus"] },
  { name: "charge start", at: at("19:00"), fields: ["chargingStatus"] },
  { name: "charge end", at: at("22:00"), fields: ["chargingStatus"] },
];

async function day() {
  const clock = new SimulatorClock({ start: DAY_START, speed: 0 });
  const sent = [];
  const sim = await startSimulator({
    clock,
    onRequest: (request) => {
      if (request.service === "kamereon" && /\/accounts\/[^/]+\//.test(request.path)) sent.push(clock.now());
    },
  });
  const vin = sim.demo.vins.zoe40;
  sim.script([
    { at: "07:00", vin, event: "trip", minutes: 40, km: 30 },
    { at: "18:30", event: "plug-in", charge: false },
    { at: "19:00", event: "charge-start" },
    { at: "22:00", event: "charge-stop" },
  ]);
  const client = new RenaultClient({
    locale: "fr_FR",
    gigyaUrl: sim.gigyaUrl,
    gigyaApiKey: sim.gigyaApiKey,
    kamereonUrl: sim.kamereonUrl,
    kamereonApiKey: sim.kamereonApiKey,
    now: () => clock.now(),
  });
  await client.login(sim.demo.email, sim.demo.password);
  return { sim, clock, sent, vin, client };
}

/** The watcher over the day; its waits move the clock. */
async function watcherDay() {
  const { sim, clock, sent, vin, client } = await day();
  const controller = new AbortController();
  const sleep = async (ms) => {
    if (clock.now() + ms >= DAY_END) controller.abort();
    else clock.advance(ms);
  };
  const changes = [];
  let keys = [];
  const options = { vins: [vin], budget: BUDGET, now: () => clock.now(), sleep, signal: controller.signal };
  for await (const event of client.watch(options)) {
    if (event.type === "snapshot") keys = Object.keys(event.readings);
    if (event.type === "change")
      changes.push({ at: Date.parse(event.time), fields: event.changes.map((c) => c.field) });
  }
  await sim.close();
  return { sent, changes, keys };
}

/** Home Assistant's way: every `interval`, every read; the interval spends the budget evenly. */
async function fixedDay(keys) {
  const { sim, clock, sent, vin, client } = await day();
  const [account] = await client.getAccounts();
  const vehicle = account.vehicle(vin);
  const interval = (keys.length * HOUR) / BUDGET;
  const last = new Map();
  const changes = [];
  while (clock.now() < DAY_END) {
    for (const key of keys) {
      const value = await vehicle.read(key).catch(() => undefined);
      if (value === undefined) continue;
      const before = last.get(key);
      last.set(key, value);
      if (!before) continue;
      const fields = Object.keys({ ...before, ...value }).filter(
        (field) => JSON.stringify(before[field]) !== JSON.stringify(value[field]),
      );
      if (fields.length > 0) changes.push({ at: clock.now(), fields });
    }
    clock.advance(interval);
  }
  await sim.close();
  return { sent, changes, interval };
}

const maxSlidingHour = (times) => {
  let max = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end] - times[start] >= HOUR) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
};
const perClockHour = (times) => {
  const hours = Array.from({ length: 24 }, () => 0);
  for (const time of times)
    if (time >= DAY_START && time < DAY_END) hours[Math.floor((time - DAY_START) / HOUR)]++;
  return hours;
};
/** Minutes from each car event to the first change showing it. */
const delays = (changes) =>
  CAR_EVENTS.map((event) => {
    const seen = changes.find(
      (c) => c.at >= event.at && c.fields.some((field) => event.fields.includes(field)),
    );
    return seen ? (seen.at - event.at) / 60_000 : Number.NaN;
  });
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const fmt = (value) => (Number.isFinite(value) ? value.toFixed(1) : "missed");

/** Runs the day twice (watcher, fixed poller) and returns the table and whether the targets hold. */
export async function runWatchDay() {
  const started = performance.now();
  const watcher = await watcherDay();
  const fixed = await fixedDay(watcher.keys);
  const w = {
    hours: perClockHour(watcher.sent),
    max: maxSlidingHour(watcher.sent),
    delays: delays(watcher.changes),
  };
  const f = {
    hours: perClockHour(fixed.sent),
    max: maxSlidingHour(fixed.sent),
    delays: delays(fixed.changes),
  };
  const rows = [
    [
      "measure",
      "watch (budget 45/h)",
      `fixed poller (all ${watcher.keys.length} reads every ${(fixed.interval / 60_000).toFixed(1)} min)`,
    ],
    ["requests in the day", String(watcher.sent.length), String(fixed.sent.length)],
    [
      "requests per clock hour, min–max",
      `${Math.min(...w.hours)}–${Math.max(...w.hours)}`,
      `${Math.min(...f.hours)}–${Math.max(...f.hours)}`,
    ],
    ["most requests in any sliding hour", String(w.max), String(f.max)],
    ...CAR_EVENTS.map((event, index) => [
      `delay after ${event.name} (min)`,
      fmt(w.delays[index]),
      fmt(f.delays[index]),
    ]),
    ["median delay (min)", fmt(median(w.delays)), fmt(median(f.delays))],
    ["worst delay (min)", fmt(Math.max(...w.delays)), fmt(Math.max(...f.delays))],
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`;
  const perEventHalf = w.delays.every((delay, index) => delay <= f.delays[index] / 2);
  const targets = [
    { name: `never over budget (max sliding hour ${w.max} ≤ ${BUDGET})`, ok: w.max <= BUDGET },
    {
      name: `median delay ≤ half the fixed poller's (${fmt(median(w.delays))} ≤ ${fmt(median(f.delays) / 2)} min)`,
      ok: median(w.delays) <= median(f.delays) / 2,
    },
  ];
  const note = `- ${perEventHalf ? "also" : "not a target, not met"}: each event's delay ≤ half the fixed poller's`;
  const table = [
    `Watch: a simulated day for one EV (ZOE 40: trip 07:00–07:40, plug-in 18:30, charge 19:00–22:00), budget ${BUDGET}/h`,
    "",
    line(rows[0]),
    `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`,
    ...rows.slice(1).map(line),
    "",
    ...targets.map((target) => `- ${target.ok ? "met" : "**NOT MET**"}: ${target.name}`),
    note,
    "",
    `Simulated day run in ${((performance.now() - started) / 1000).toFixed(1)} s of real time, Node ${process.version}.`,
  ].join("\n");
  return { table, ok: targets.every((target) => target.ok) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { table } = await runWatchDay();
  console.log(table);
}
