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
  /** Working directory for `--log` (`logs/YYYY-MM-DD.log`). @default process.cwd() */
  readonly cwd?: string | undefined;
  /** Clock. @default () => new Date() */
  readonly now?: (() => Date) | undefined;
}
