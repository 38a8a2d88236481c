/**
 * Documentation that compiles: every ```ts block of README.md and docs/*.md, every multi-line TSDoc
 * `@example` of src/, and every program of examples/ is compiled in ONE strict consumer project
 * (test/support/consumer.ts: `strict`, `noUncheckedIndexedAccess`, `exactOptionalPropertyTypes`,
 * `module: nodenext`, `renault-api` resolved through package.json `exports` to the build of
 * test/global-setup.ts). Blocks marked runnable, and the examples, then run against the simulator.
 *
 * The marker is an HTML comment on the line before a block (CONTRIBUTING.md):
 * `<!-- snippet: run -->`, or `<!-- snippet: compile; declare const client: RenaultClient; -->`
 * where the text after `;` is TypeScript put before the block (hidden context such as variables
 * the surrounding prose defines). Without a marker a block is compiled only.
 */
import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { simulatorTfa, startSimulator, type Simulator } from "../src/simulator/index.js";
import { compile, consumerProject, REPO, type Diagnostic } from "./support/consumer.js";

const run = promisify(execFile);

interface Snippet {
  /** `README.md:55` — where the block starts. */
  readonly id: string;
  readonly source: string;
  /** Line of the block's first code line in the source file. */
  readonly firstLine: number;
  readonly code: string;
  readonly prelude: string;
  readonly runnable: boolean;
}

const MARKER = /^<!--\s*snippet:\s*(run|compile)\s*(?:;([\s\S]*?))?-->$/;

/** The ```ts blocks of a Markdown text, with their markers. */
function markdownSnippets(source: string, text: string): Snippet[] {
  const lines = text.split("\n");
  const snippets: Snippet[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!/^\s*```ts\s*$/.test(lines[index] ?? "")) continue;
    const indent = /^\s*/.exec(lines[index] ?? "")?.[0].length ?? 0;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !/^\s*```\s*$/.test(lines[index] ?? ""); index++) {
      body.push((lines[index] ?? "").slice(indent));
    }
    let end = start - 1;
    while (end >= 0 && (lines[end] ?? "").trim() === "") end--;
    // The marker comment may span several lines: from a line starting `<!--` to this one.
    let begin = end;
    if ((lines[end] ?? "").trim().endsWith("-->")) {
      while (begin > 0 && !(lines[begin] ?? "").trim().startsWith("<!--")) begin--;
    }
    const marker = MARKER.exec(
      lines
        .slice(begin, end + 1)
        .join("\n")
        .trim(),
    );
    snippets.push({
      id: `${source}:${start + 1}`,
      source,
      firstLine: start + 2,
      code: body.join("\n"),
      prelude: (marker?.[2] ?? "").trim(),
      runnable: marker?.[1] === "run",
    });
  }
  return snippets;
}

/**
 * The multi-line `@example` blocks of a source file. One-line examples are expressions over the
 * function's own parameters and are not compiled.
 */
function tsdocExamples(source: string, text: string): Snippet[] {
  const lines = text.split("\n");
  const snippets: Snippet[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!/^\s*\* @example\s*$/.test(lines[index] ?? "")) continue;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length; index++) {
      const line = lines[index] ?? "";
      if (/^\s*\*\/|^\s*\* @/.test(line)) break;
      body.push(line.replace(/^\s*\* ?/, ""));
    }
    snippets.push({
      id: `${source}:${start + 1}`,
      source,
      firstLine: start + 2,
      code: body.join("\n"),
      prelude: "",
      runnable: false,
    });
  }
  return snippets;
}

/** The names a TSDoc example may use without defining them (its function's own context). */
const TSDOC_CONTEXT =
  "declare const email: string, password: string, vin: string, accountId: string;\n" +
  "declare function ask(question: string): Promise<string>;\n" +
  'declare const session: import("renault-api").RenaultSession;\n' +
  'declare const client: import("renault-api").RenaultClient;';

const files = new Map<string, Snippet>();
let project = "";
let diagnostics: Diagnostic[] = [];
let examples: string[] = [];
let sim: Simulator;

async function documents(): Promise<string[]> {
  const docs = (await readdir(join(REPO, "docs"))).filter((name) => name.endsWith(".md"));
  return ["README.md", ...docs.map((name) => `docs/${name}`)];
}

async function sources(folder = "src"): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(REPO, folder), { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await sources(path)));
    else if (entry.name.endsWith(".ts")) found.push(path);
  }
  return found;
}

const snippets: Snippet[] = [];
for (const source of await documents()) {
  snippets.push(...markdownSnippets(source, await readFile(join(REPO, source), "utf8")));
}
for (const source of await sources()) {
  snippets.push(...tsdocExamples(source, await readFile(join(REPO, source), "utf8")));
}
const runtimeNames = [
  ...Object.keys(await import("../dist/index.js")).map((name) => [name, "renault-api"] as const),
  ...Object.keys(await import("../dist/simulator/index.js")).map(
    (name) => [name, "renault-api/simulator"] as const,
  ),
];

/** The file a snippet is compiled as: its prelude, then its code at a known line. */
function fileText(snippet: Snippet): { text: string; offset: number } {
  let prelude = snippet.prelude;
  let code = snippet.code;
  if (snippet.source.startsWith("src/")) {
    const used = runtimeNames.filter(([name]) => new RegExp(`\\b${name}\\b`).test(snippet.code));
    const imports = used.map(([name, from]) => `import { ${name} } from "${from}";`);
    prelude = [...new Set(imports)].join("\n") + `\n${TSDOC_CONTEXT}\n{`;
    code = `${snippet.code}\n}`;
  }
  const head = prelude === "" ? "" : `${prelude}\n`;
  return { text: `${head}${code}\nexport {};\n`, offset: head.split("\n").length - 1 };
}

beforeAll(async () => {
  project = await consumerProject();
  await mkdir(join(project, "snippets"));
  await mkdir(join(project, "examples"));
  for (const [index, snippet] of snippets.entries()) {
    const name = `snippets/s${String(index).padStart(3, "0")}.ts`;
    files.set(name, snippet);
    await writeFile(join(project, name), fileText(snippet).text);
  }
  examples = (await readdir(join(REPO, "examples"))).filter((name) => name.endsWith(".ts"));
  for (const name of examples) {
    await writeFile(join(project, "examples", name), await readFile(join(REPO, "examples", name), "utf8"));
  }
  diagnostics = await compile(project, [...files.keys(), ...examples.map((name) => `examples/${name}`)]);
  sim = await startSimulator();
}, 120_000);

afterAll(async () => {
  await sim.close();
  if (project) await rm(project, { recursive: true, force: true });
});

/** The compiler's errors for one project file, located in the documentation. */
function errorsOf(name: string): string[] {
  const snippet = files.get(name);
  const offset = snippet ? fileText(snippet).offset : 0;
  return diagnostics
    .filter((diagnostic) => diagnostic.file === name || diagnostic.file === "")
    .map((diagnostic) =>
      snippet
        ? `${snippet.source}:${snippet.firstLine + diagnostic.line - 1 - offset}: ${diagnostic.message}`
        : `${name}:${diagnostic.line}: ${diagnostic.message}`,
    );
}

describe("documentation snippets", () => {
  test("README.md, docs/*.md and the TSDoc of src/ have the snippets this test expects", () => {
    expect(snippets.filter((snippet) => snippet.source === "README.md").length).toBeGreaterThanOrEqual(4);
    expect(snippets.filter((snippet) => snippet.source.startsWith("docs/")).length).toBeGreaterThanOrEqual(7);
    expect(snippets.filter((snippet) => snippet.source.startsWith("src/")).length).toBeGreaterThanOrEqual(3);
    expect(snippets.some((snippet) => snippet.runnable)).toBe(true);
  });

  test.each(snippets.map((snippet, index) => [snippet.id, index] as const))(
    "%s compiles in a strict consumer project",
    (_id, index) => {
      expect(errorsOf(`snippets/s${String(index).padStart(3, "0")}.ts`)).toEqual([]);
    },
  );

  test.each(snippets.filter((snippet) => snippet.runnable).map((snippet) => [snippet.id, snippet] as const))(
    "%s runs",
    { timeout: 30_000 },
    async (_id, snippet) => {
      const name = [...files].find(([, candidate]) => candidate === snippet)?.[0] ?? "";
      const compiled = join(project, "out", name.replace(/\.ts$/, ".js"));
      const { stderr } = await run(process.execPath, [compiled], { cwd: project, timeout: 25_000 });
      expect(stderr).toBe("");
    },
  );
});

/** The environment the CLI's `simulator` command prints, which the examples read like the CLI. */
function exampleEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    RENAULT_API_LOCALE: "fr_FR",
    RENAULT_API_GIGYA_URL: sim.gigyaUrl,
    RENAULT_API_GIGYA_API_KEY: sim.gigyaApiKey,
    RENAULT_API_KAMEREON_URL: sim.kamereonUrl,
    RENAULT_API_KAMEREON_API_KEY: sim.kamereonApiKey,
    RENAULT_API_USERNAME: sim.demo.email,
    RENAULT_API_PASSWORD: sim.demo.password,
    ...extra,
  };
}

async function runExample(name: string, env: Record<string, string>, input?: string) {
  const compiled = join(project, "out", "examples", name.replace(/\.ts$/, ".js"));
  const child = execFile(process.execPath, [compiled], { cwd: project, env, timeout: 25_000 });
  if (input !== undefined) child.stdin?.end(input);
  else child.stdin?.end();
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.on("data", (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stdout, stderr };
}

describe("examples/", () => {
  test("every example compiles in the strict consumer project", () => {
    expect(examples).toEqual(expect.arrayContaining(["seed.ts", "poller.ts", "action.ts", "two-factor.ts"]));
    for (const name of examples) expect(errorsOf(`examples/${name}`), name).toEqual([]);
  });

  test("the seed example (TypeScript, ESM, via the package's own exports) runs against the simulator", async () => {
    const { code, stdout, stderr } = await runExample("seed.ts", { PATH: process.env.PATH ?? "" });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines.map((line) => line.split(":")[0])).toEqual([
      "Accounts",
      "Vehicles",
      "Cockpit information",
      "Battery status information",
    ]);
    expect(stdout).toContain('"accountType":"MYRENAULT"');
    expect(stdout).toMatch(/"totalMileage":\d/);
    expect(stdout).toMatch(/"batteryLevel":\d/);
  });

  test("poller.ts reads the battery the number of times asked, logging in once", async () => {
    const since = sim.requests.length;
    const { code, stdout, stderr } = await runExample(
      "poller.ts",
      exampleEnv({ POLL_COUNT: "3", POLL_INTERVAL: "0", RENAULT_API_VIN: sim.demo.vins.zoe50 }),
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(3);
    expect(stdout).toMatch(/^\d{4}-\d\d-\d\dT.* battery \d+ %/m);
    const sent = sim.requests.slice(since);
    expect(sent.filter((request) => request.path === "/accounts.login")).toHaveLength(1);
    const reads = sent.filter((request) => request.endpoint === "battery-status");
    expect(reads).toHaveLength(3);
    expect(reads.every((request) => request.vin === sim.demo.vins.zoe50 && request.method === "GET")).toBe(
      true,
    );
  });

  test("action.ts starts the climate control once and shows the new state", async () => {
    const since = sim.requests.length;
    const { code, stdout, stderr } = await runExample(
      "action.ts",
      exampleEnv({ RENAULT_API_VIN: sim.demo.vins.zoe50, HVAC_TEMPERATURE: "22" }),
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const actions = sim.requests.slice(since).filter((request) => request.endpoint === "actions/hvac-start");
    expect(actions).toHaveLength(1);
    expect(actions[0]?.method).toBe("POST");
    expect(JSON.stringify(actions[0]?.json)).toContain('"targetTemperature":22');
    expect(stdout).toMatch(/HVAC start sent/);
  });

  test("two-factor.ts sends the code, takes a wrong one then the right one from stdin, and logs in", async () => {
    const tfaSim = await startSimulator({ twoFactor: true });
    try {
      const compiled = join(project, "out", "examples", "two-factor.js");
      const child = execFile(process.execPath, [compiled], {
        cwd: project,
        timeout: 25_000,
        env: {
          ...exampleEnv(),
          RENAULT_API_GIGYA_URL: tfaSim.gigyaUrl,
          RENAULT_API_GIGYA_API_KEY: tfaSim.gigyaApiKey,
          RENAULT_API_KAMEREON_URL: tfaSim.kamereonUrl,
          RENAULT_API_KAMEREON_API_KEY: tfaSim.kamereonApiKey,
        },
      });
      let stdout = "";
      let stderr = "";
      let prompts = 0;
      child.stderr?.on("data", (chunk: string) => (stderr += chunk));
      child.stdout?.on("data", (chunk: string) => {
        stdout += chunk;
        const seen = stdout.split("Code sent to ").length - 1;
        if (seen === prompts) return;
        prompts = seen;
        // First a wrong code, then the one the simulator "e-mailed".
        const code =
          prompts === 1 ? "000000" : (simulatorTfa(tfaSim.world).lastCode(tfaSim.demo.email) ?? "");
        child.stdin?.write(`${code}\n`);
      });
      const exit = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(stderr).toBe("");
      expect(exit).toBe(0);
      expect(stdout).toMatch(/Code sent to \S+@\S+: Wrong code, try again\.\nCode sent to /);
      expect(stdout).toMatch(/Logged in\.\nAccounts: 2\n$/);
      expect(stdout).not.toContain(tfaSim.demo.email);
      const paths = tfaSim.requests.map((request) => request.path);
      expect(paths.filter((path) => path === "/accounts.tfa.email.sendVerificationCode")).toHaveLength(1);
      expect(paths.filter((path) => path === "/accounts.tfa.email.completeVerification")).toHaveLength(2);
      // Logged in for real: the person's accounts were read from Kamereon after the code.
      const last = paths.lastIndexOf("/accounts.tfa.email.completeVerification");
      expect(paths.slice(last).some((path) => path.includes("/persons/"))).toBe(true);
    } finally {
      await tfaSim.close();
    }
  });
});
