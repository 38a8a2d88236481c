/**
 * The last line of defence of a probe bundle: every file written is searched for the owner's
 * e-mail, the real VIN and registration, account and person ids, the session's API keys and login
 * token, and anything shaped like a JWT, a Gigya token or an e-mail address that is not a fake.
 * Findings name the kind of secret and the file, never the value.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { RenaultError } from "../errors.js";

/** The values the scan looks for. Empty and very short values are ignored. */
export interface ScanSecrets {
  readonly emails?: Iterable<string | undefined> | undefined;
  readonly vins?: Iterable<string | undefined> | undefined;
  readonly registrations?: Iterable<string | undefined> | undefined;
  readonly accountIds?: Iterable<string | undefined> | undefined;
  readonly personIds?: Iterable<string | undefined> | undefined;
  readonly apiKeys?: Iterable<string | undefined> | undefined;
  /** The Gigya login token (and the JWT, if known). */
  readonly tokens?: Iterable<string | undefined> | undefined;
}

/** A secret found in a file: what kind, and where (the value itself is never kept). */
export interface SecretFinding {
  /** Path relative to the scanned folder, with `/` separators. */
  readonly file: string;
  /** e.g. `e-mail address`, `VIN`, `JWT`. */
  readonly kind: string;
}

/**
 * Kinds of secret, as findings name them, and the shortest value searched for (shorter ones would
 * match anything: a 4-digit id is everywhere).
 */
const KINDS: readonly (readonly [keyof ScanSecrets, string, number])[] = [
  ["emails", "e-mail address", 6],
  ["vins", "VIN", 11],
  ["registrations", "registration", 5],
  ["accountIds", "account id", 6],
  ["personIds", "person id", 6],
  ["apiKeys", "API key", 8],
  ["tokens", "login token", 8],
];

const SHAPES: readonly (readonly [RegExp, string])[] = [
  [/eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/, "JWT"],
  [/st2\.s\.[\w.~-]{8,}/, "Gigya login token"],
  [/gmid\.ver4\.[\w.~-]{8,}/, "Gigya device id"],
];
/** An e-mail address, plain or URL-encoded (not a `name@2x.png` picture). */
const EMAIL = /[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)*\.(?!(?:png|jpe?g|gif|svg|webp)\b)[a-z]{2,}\b/gi;
/** Fakes of the anonymiser and documentation domains are not secrets. */
const FAKE_EMAIL = /(?:@|%40)example\.(?:com|org|net)$/i;

/** Searches one text; returns the kinds found (each once). */
export function scanText(text: string, secrets: ScanSecrets): string[] {
  const found = new Set<string>();
  const lower = text.toLowerCase();
  for (const [field, kind, shortest] of KINDS) {
    for (const value of secrets[field] ?? []) {
      if (value === undefined || value.trim().length < shortest) continue;
      for (const variant of variants(value, field)) {
        if (lower.includes(variant.toLowerCase())) found.add(kind);
      }
    }
  }
  for (const [shape, kind] of SHAPES) if (shape.test(text)) found.add(kind);
  for (const match of text.matchAll(EMAIL)) if (!FAKE_EMAIL.test(match[0])) found.add("e-mail address");
  return [...found];
}

/** Searches every file under `directory` (recursively). */
export async function scanFolder(directory: string, secrets: ScanSecrets): Promise<SecretFinding[]> {
  const findings: SecretFinding[] = [];
  for (const file of await filesUnder(directory)) {
    const text = await readFile(file, "utf8");
    const name = relative(directory, file).split("\\").join("/");
    for (const kind of scanText(text, secrets)) findings.push({ file: name, kind });
  }
  return findings;
}

/**
 * The secret scan found something in a probe bundle. The folder was deleted; the message names the
 * kinds of secret and the files, never the values.
 */
export class SecretFoundError extends RenaultError {
  override name = "SecretFoundError";
  /** What was found where. */
  readonly findings: readonly SecretFinding[];
  /** The folder that was deleted. */
  readonly directory: string;
  constructor(directory: string, findings: readonly SecretFinding[]) {
    const kinds = [...new Set(findings.map((finding) => finding.kind))].join(", ");
    const files = [...new Set(findings.map((finding) => finding.file))].join(", ");
    super(
      `The secret scan found ${kinds} in ${files}: the bundle was not kept (${directory} was deleted). ` +
        "Nothing was shared. Please report this as a bug, without the files.",
    );
    this.findings = findings;
    this.directory = directory;
  }
}

/** The forms a value may take in a file: as is, URL-encoded, and a registration without separators. */
function variants(value: string, field: keyof ScanSecrets): string[] {
  const trimmed = value.trim();
  const forms = new Set([trimmed, encodeURIComponent(trimmed)]);
  if (field === "registrations") {
    const compact = trimmed.replace(/[\s-]/g, "");
    if (compact.length >= 5) forms.add(compact);
  }
  return [...forms];
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
