/** `local`: the credential file's permissions, and this machine's clock against the servers'. */
import { stat } from "node:fs/promises";
import { check, type DiagnosticCheck } from "./types.js";
import { minutes } from "./words.js";

/** A clock this far off is reported; a JWT lives 900 s and is renewed 60 s early. */
const CLOCK_WARN = 60_000;
const CLOCK_FAIL = 5 * 60_000;

/** The `Date` of an answer and this machine's time when it arrived. */
export interface ClockSample {
  readonly serverDate: string;
  /** @unit epoch milliseconds */
  readonly localTime: number;
}

/** The `local` check: both findings in one line, the worst status wins. */
export async function localCheck(
  credentialFile: string | undefined,
  samples: readonly ClockSample[],
): Promise<DiagnosticCheck> {
  const findings = [await fileFinding(credentialFile), clockFinding(samples)];
  const order = ["fail", "warn", "ok", "skip"] as const;
  const status = order.find((wanted) => findings.some((finding) => finding.status === wanted)) ?? "skip";
  return check(
    "local",
    status,
    findings.map((finding) => finding.message).join("; "),
    findings
      .filter((finding) => finding.remedy !== "")
      .map((finding) => finding.remedy)
      .join("; "),
  );
}

interface Finding {
  readonly status: "ok" | "warn" | "fail" | "skip";
  readonly message: string;
  readonly remedy: string;
}

async function fileFinding(file: string | undefined): Promise<Finding> {
  if (file === undefined) return { status: "skip", message: "no credential file", remedy: "" };
  let mode: number;
  try {
    mode = (await stat(file)).mode;
  } catch {
    return { status: "ok", message: "no credential file yet", remedy: "" };
  }
  if (process.platform === "win32") return { status: "ok", message: "credential file present", remedy: "" };
  const octal = (mode & 0o777).toString(8).padStart(3, "0");
  if ((mode & 0o077) !== 0)
    return {
      status: "warn",
      message: `the credential file is readable by other users (mode ${octal}): it holds the login token`,
      remedy: `chmod 600 ${file}`,
    };
  return { status: "ok", message: `credential file private (mode ${octal})`, remedy: "" };
}

function clockFinding(samples: readonly ClockSample[]): Finding {
  const offsets = samples.flatMap((sample) => {
    const server = Date.parse(sample.serverDate);
    return Number.isNaN(server) ? [] : [server - sample.localTime];
  });
  if (offsets.length === 0)
    return { status: "skip", message: "clock not compared (no server answered)", remedy: "" };
  // The Date header has a one-second resolution: the median of the offsets, truncated, is enough.
  const sorted = [...offsets].sort((a, b) => a - b);
  const offset = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const size = Math.abs(offset);
  const way = offset > 0 ? "behind" : "ahead of";
  if (size < CLOCK_WARN) return { status: "ok", message: "clock in step with the servers", remedy: "" };
  return {
    status: size >= CLOCK_FAIL ? "fail" : "warn",
    message: `this machine's clock is ${minutes(size)} ${way} the servers' (their Date header)`,
    remedy:
      "set the clock right (enable NTP time sync): a skewed clock makes a fresh JWT look expired or an old one valid",
  };
}
