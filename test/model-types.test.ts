/**
 * The model types, checked by the TypeScript compiler itself: small sources that import from src/
 * are type-checked in memory, and the test asserts which lines fail and with what message.
 */
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const MODELS = `${root}src/kamereon/models/`;

/** Each snippet is a virtual file under test/; `// @error` marks the lines that must fail. */
const SNIPPETS: Readonly<Record<string, string>> = {
  misspelt: `
import type { BatteryStatus, Cockpit, HvacStatus } from "../src/index.js";
export const level = (battery: BatteryStatus) => battery.batteryLevel;
export const typo = (battery: BatteryStatus) => battery.batteryLvl; // @error
export const mileage = (cockpit: Cockpit) => cockpit.totalMilage; // @error
export const temperature = (hvac: HvacStatus) => hvac.internalTemperature;
`,
  raw: `
import { rawPayload, type BatteryStatus } from "../src/index.js";
export const extra = (battery: BatteryStatus): unknown => rawPayload(battery)["newField"];
export const unchecked = (battery: BatteryStatus) => rawPayload(battery)["newField"].toFixed(); // @error
`,
  codes: `
import { type ChargeModeCode, type KnownPlugStatusCode, type PlugStatusCode } from "../src/index.js";
import { isKnownCode } from "../src/models.js";
export const unknownPlug: PlugStatusCode = 7;
export const delegated: ChargeModeCode = "delegated";
export const notANumber: PlugStatusCode = "plugged"; // @error
export function known(code: PlugStatusCode): KnownPlugStatusCode | undefined {
  return isKnownCode("plugStatus", code) ? code : undefined;
}
export const notNarrowed = (code: PlugStatusCode): KnownPlugStatusCode => code; // @error
export function exhaustive(code: PlugStatusCode): string {
  switch (code) {
    case 0: case 1: case -1: case -2147483648: return "known";
    default: {
      const unreachable: never = code; // @error
      return unreachable;
    }
  }
}
`,
  schemas: `
import { model, num, str } from "../src/kamereon/models/common.js";
interface Reading { readonly level?: number | null | undefined; readonly at?: string | null | undefined }
export const ok = model<Reading>()({ level: num(), at: str() });
export const extraEntry = model<Reading>()({ level: num(), at: str(), levl: num() }); // @error
export const missingEntry = model<Reading>()({ level: num() }); // @error
export const wrongType = model<Reading>()({ level: str(), at: str() }); // @error
`,
};

interface Failure {
  readonly snippet: string;
  readonly line: number;
  readonly message: string;
}
let failures: readonly Failure[] = [];
let program: ts.Program;

const virtualPath = (name: string) => `${root}test/__${name}.ts`;

beforeAll(() => {
  const config = ts.readConfigFile(`${root}tsconfig.json`, (file) => ts.sys.readFile(file));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const host = ts.createCompilerHost(options);
  const sources = new Map(Object.entries(SNIPPETS).map(([name, text]) => [virtualPath(name), text]));
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) => {
    const text = sources.get(file);
    return text === undefined ? read(file, language, ...rest) : ts.createSourceFile(file, text, language);
  };
  const exists = host.fileExists.bind(host);
  host.fileExists = (file) => sources.has(file) || exists(file);
  program = ts.createProgram([...sources.keys()], { ...options, noEmit: true }, host);
  failures = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const file = diagnostic.file;
    const name =
      Object.keys(SNIPPETS).find((key) => virtualPath(key) === file?.fileName) ?? file?.fileName ?? "?";
    const line = file ? file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1 : 0;
    return { snippet: name, line, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n") };
  });
}, 120_000);

/** The lines of a snippet marked `// @error`. */
function markedLines(name: string): number[] {
  return (SNIPPETS[name] ?? "")
    .split("\n")
    .flatMap((text, index) => (text.includes("// @error") ? [index + 1] : []));
}

const failuresOf = (name: string) => failures.filter((failure) => failure.snippet === name);

describe("the model types, as the compiler sees them", () => {
  test("nothing outside the snippets fails to compile", () => {
    expect(failures.filter((failure) => !Object.keys(SNIPPETS).includes(failure.snippet))).toEqual([]);
  });

  test.each(Object.keys(SNIPPETS))("%s: exactly the lines marked @error fail", (name) => {
    expect(markedLines(name).length).toBeGreaterThan(0);
    expect([...new Set(failuresOf(name).map((failure) => failure.line))].sort((a, b) => a - b)).toEqual(
      markedLines(name),
    );
  });

  test("a misspelt field fails, naming the property and suggesting the right one", () => {
    const messages = failuresOf("misspelt").map((failure) => failure.message);
    expect(messages).toEqual([
      expect.stringMatching(/Property 'batteryLvl' does not exist on type 'BatteryStatus'.*'batteryLevel'/s),
      expect.stringMatching(/Property 'totalMilage' does not exist on type 'Cockpit'.*'totalMileage'/s),
    ]);
  });

  test("the raw payload is reachable, but only as unknown values", () => {
    expect(failuresOf("raw").map((failure) => failure.message)).toEqual([
      expect.stringMatching(/'rawPayload\(battery\)\["newField"\]' is of type 'unknown'|unknown/),
    ]);
  });

  test("an open code accepts unknown values, and its unknown branch cannot be skipped", () => {
    const [notANumber, notNarrowed, exhaustive] = failuresOf("codes").map((failure) => failure.message);
    expect(notANumber).toMatch(/"plugged"/);
    expect(notNarrowed).toMatch(/KnownPlugStatusCode|-2147483648/);
    expect(exhaustive).toMatch(/not assignable to type 'never'/);
  });

  test("a schema whose entries differ from its model's fields does not compile, and says why", () => {
    const messages = failuresOf("schemas").map((failure) => failure.message);
    expect(messages).toEqual([
      expect.stringContaining("the entries have fields the model lacks"),
      expect.stringContaining("the model has fields the entries lack"),
      expect.stringContaining("entries do not match the model's field types"),
    ]);
  });
});

/** Numeric fields that are codes, counts of states or ids, not readings: they carry no unit. */
const UNITLESS = new Set([
  "ChargeScheduleData.id",
  "HvacScheduleData.id",
  "BatteryStatus.V2L_SystemStatusDisplay",
  "TyrePressure.flStatus",
  "TyrePressure.frStatus",
  "TyrePressure.rlStatus",
  "TyrePressure.rrStatus",
  "Alert.criticity",
]);

describe("units", () => {
  test("every numeric reading of every model names its unit in its TSDoc (@unit)", () => {
    const checker = program.getTypeChecker();
    const checked: string[] = [];
    const missing: string[] = [];
    for (const file of program.getSourceFiles()) {
      if (!file.fileName.startsWith(MODELS)) continue;
      for (const statement of file.statements) {
        if (!ts.isInterfaceDeclaration(statement)) continue;
        for (const member of statement.members) {
          if (!ts.isPropertySignature(member) || member.type === undefined) continue;
          const type = checker.getNonNullableType(checker.getTypeFromTypeNode(member.type));
          if (type.flags !== ts.TypeFlags.Number) continue;
          const field = `${statement.name.text}.${member.name.getText(file)}`;
          checked.push(field);
          const tags = ts.getJSDocTags(member).map((tag) => tag.tagName.text);
          if (!tags.includes("unit") && !UNITLESS.has(field)) missing.push(field);
        }
      }
    }
    expect(checked).toContain("BatteryStatus.batteryLevel");
    expect(checked).toContain("ChargeSession.chargeDuration");
    expect(checked.length).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });

  test("every date or time field of every model says its format", () => {
    const checked: string[] = [];
    const missing: string[] = [];
    for (const file of program.getSourceFiles()) {
      if (!file.fileName.startsWith(MODELS)) continue;
      for (const statement of file.statements) {
        if (!ts.isInterfaceDeclaration(statement)) continue;
        for (const member of statement.members) {
          if (!ts.isPropertySignature(member)) continue;
          const name = member.name.getText(file);
          if (!/date|time/i.test(name) || member.type?.getText(file).startsWith("string") !== true) continue;
          const field = `${statement.name.text}.${name}`;
          checked.push(field);
          const text = ts
            .getJSDocCommentsAndTags(member)
            .map((doc) => doc.getText(file))
            .join(" ");
          if (!/ISO 8601|Thh:mmZ|"HH:?MM"/.test(text)) missing.push(field);
        }
      }
    }
    expect(checked).toContain("BatteryStatus.timestamp");
    expect(checked).toContain("ChargeDayScheduleData.startTime");
    expect(checked.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
