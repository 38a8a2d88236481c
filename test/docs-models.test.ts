import { readFileSync, writeFileSync } from "node:fs";
import { expect, test } from "vitest";
import {
  DEFAULT_ENDPOINTS,
  ENDPOINT_KEYS,
  type EndpointDefinition,
  MODEL_ENDPOINTS,
  MODEL_NAMES,
} from "../src/registry/index.js";

/**
 * The model × endpoint support table of docs/models.md and the README, generated from the routing
 * data. Run `npm run docs:models` after changing src/registry/models.ts.
 */
const UPDATE = process.env.UPDATE_DOCS === "1";

function symbol(model: string, key: (typeof ENDPOINT_KEYS)[number]): string {
  const table = MODEL_ENDPOINTS[model] ?? {};
  if (!Object.hasOwn(table, key)) return "·";
  const entry: EndpointDefinition | null | undefined = table[key];
  if (entry === null || entry === undefined) return "✗";
  if (entry.mode === "kcm") return "K";
  if (entry.mode === "kcm-settings") return "KS";
  if (entry.mode === "kcm-pause-resume") return "KP";
  if (entry.mode === "kcm-start-later") return "KL";
  if (entry.mode === "kca-stop") return "AS";
  return entry.path === DEFAULT_ENDPOINTS[key].path ? "✓" : "✓*";
}

function matrix(): string {
  const models = Object.keys(MODEL_ENDPOINTS);
  const header = `| endpoint | ${models.join(" | ")} |`;
  const rule = `|---|${models.map(() => ":-:").join("|")}|`;
  const rows = ENDPOINT_KEYS.map(
    (key) => `| \`${key}\` | ${models.map((model) => symbol(model, key)).join(" | ")} |`,
  );
  return [header, rule, ...rows].join("\n");
}

function summary(): string {
  const reads = ENDPOINT_KEYS.filter((key) => !key.startsWith("actions/"));
  const actions = ENDPOINT_KEYS.filter((key) => key.startsWith("actions/"));
  const lines = ["| model | name | reads | actions |", "|---|---|---|---|"];
  for (const model of Object.keys(MODEL_ENDPOINTS)) {
    const supported = (keys: typeof ENDPOINT_KEYS) =>
      keys.filter((key) => symbol(model, key) !== "✗").map((key) => key.replace("actions/", ""));
    lines.push(
      `| ${model} | ${MODEL_NAMES[model] ?? ""} | ${supported(reads).join(", ")} | ${supported(actions).join(", ")} |`,
    );
  }
  return lines.join("\n");
}

const LEGEND = [
  "✓ supported (default path) · ✓* supported on another path · K KCM `charge/start` or `charge/schedule` ·",
  "KS KCM `ev/settings` · KP KCM `charge/pause-resume` · KL charge stop as a KCM `charge/start` 24 h ahead ·",
  "AS HVAC stop sent as `stop` · ✗ not available (the client refuses before sending) · · not documented for",
  "this model (default path, one warning per client).",
  "Any other model code uses the default path for every endpoint, with one warning.",
].join("\n");

function replaceBetween(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`markers ${name} missing`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

test.each([
  ["docs/models.md", "models-matrix", () => `${matrix()}\n\n${LEGEND}`],
  ["README.md", "models-summary", summary],
])("%s carries the %s generated from the routing data", (file, marker, render) => {
  const current = readFileSync(file, "utf8");
  const expected = replaceBetween(current, marker, render());
  if (UPDATE) writeFileSync(file, expected);
  else expect(current, `${file} is stale: run npm run docs:models`).toBe(expected);
});
