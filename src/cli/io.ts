/** Something text can be written to (a process stream or a test buffer). */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * Everything the CLI touches outside itself. `main()` reads and writes only through this, so tests
 * run it in-process with buffers, a fake environment and a scripted stdin.
 */
export interface Io {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Environment variables (`process.env` in the real binary). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where prompt answers are read from; no stdin means "never prompt". */
  readonly stdin?: AsyncIterable<string | Buffer> | undefined;
  /** Whether a person is at the keyboard: without it the CLI never prompts. */
  readonly isTTY?: boolean | undefined;
  /** Aborts long-running commands (`simulator`) and pending requests; SIGINT/SIGTERM in the binary. */
  readonly signal?: AbortSignal | undefined;
  /** Called by a command for which SIGINT/SIGTERM is its normal end (`watch`): the exit code stays 0. */
  readonly signalEndsRun?: (() => void) | undefined;
  /** Working directory for `--log` (`logs/YYYY-MM-DD.log`). @default process.cwd() */
  readonly cwd?: string | undefined;
  /** Clock. @default () => new Date() */
  readonly now?: (() => Date) | undefined;
  /** Waits (between the reads of `--wait`); tests move a simulated clock instead. @default setTimeout */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/* eslint-disable no-control-regex -- matching control characters is the point */
/** Escape sequences: CSI (`ESC [ … final`), OSC/DCS/PM/APC strings (up to BEL or ST), `ESC x`. */
const ESCAPES =
  /\x1b\[[0-?]*[ -/]*[@-~]?|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -~]?|\x9b[0-?]*[ -/]*[@-~]?/g;
/** The other C0 and C1 controls except tab and newline, and the bidirectional overrides. */
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

/**
 * Removes what a terminal would interpret from text that came from outside (server answers, error
 * messages, file contents): escape sequences, `\r`, the other C0/C1 controls and bidirectional
 * overrides (issue 20, defect 8). Newlines stay, unless `oneLine` turns them into spaces (the error
 * line is one line).
 */
export function stripControl(text: string, oneLine = false): string {
  const clean = text.replace(ESCAPES, "").replace(CONTROLS, "");
  return oneLine ? clean.replace(/\s*\n\s*/g, " ") : clean;
}
