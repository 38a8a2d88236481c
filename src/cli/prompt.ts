/**
 * Interactive prompts, worded as the Python CLI's (click) prompts. Without a terminal the CLI never
 * waits for an answer: every prompt fails at once with a usage error naming the option to pass,
 * except the login's, which read piped answers line by line as the Python CLI does (issue 15).
 */
import type { Io } from "./io.js";
import { AbortedError, UsageError } from "./usage.js";

interface RawModeStream {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}

/** Reads answers line by line from `io.stdin`; prompts are written to stderr (stdout stays data). */
export class Prompter {
  readonly #io: Io;
  #iterator: AsyncIterator<string | Buffer> | undefined;
  #buffer = "";
  #ended = false;

  constructor(io: Io) {
    this.#io = io;
  }

  /** Whether prompting is possible (a terminal, and something to read from). */
  get interactive(): boolean {
    return this.#io.isTTY === true && this.#io.stdin !== undefined;
  }

  #require(option: string, what: string): void {
    if (!this.interactive) {
      throw new UsageError(`${what}: pass ${option} (no terminal to ask on)`);
    }
  }

  /**
   * Without a terminal, the next line piped on stdin (nothing is written, nothing echoed); no
   * stdin, a terminal stdin (whose prompt nobody would see), the end of input or an empty line
   * is the usage error naming `option`. On a terminal, the prompt as usual.
   */
  async piped(
    question: string,
    options: { hidden?: boolean; option: string; what?: string },
  ): Promise<string> {
    if (this.interactive) {
      return options.hidden === true
        ? this.hidden(question, options)
        : this.text(question, { option: options.option, what: options.what });
    }
    return this.line(options);
  }

  /**
   * The next line of stdin, terminal or not (`--password-stdin`): hidden on a terminal. No stdin,
   * the end of input or an empty line is the usage error naming `option`.
   */
  async line(options: { hidden?: boolean; option: string; what?: string }): Promise<string> {
    const missing = new UsageError(
      `${options.what ?? `missing ${options.option}`}: pass ${options.option} (no terminal to ask on)`,
    );
    const stdin = this.#io.stdin as (AsyncIterable<string | Buffer> & RawModeStream) | undefined;
    if (stdin === undefined || (stdin.isTTY === true && !this.interactive)) throw missing;
    let answer: string;
    try {
      answer = await this.#readLine(options.hidden === true, false);
    } catch (error) {
      if (error instanceof AbortedError && this.#ended) throw missing;
      throw error;
    }
    if (answer === "") throw missing;
    return answer;
  }

  /** `Question [default]: ` → the answer, or the default for an empty answer. */
  async text(
    question: string,
    options: { default?: string | undefined; option: string; what?: string | undefined },
  ): Promise<string> {
    this.#require(options.option, options.what ?? `missing ${options.option}`);
    for (;;) {
      this.#io.stderr.write(`${question}${options.default ? ` [${options.default}]` : ""}: `);
      const answer = (await this.#readLine(false)).trim();
      if (answer !== "") return answer;
      if (options.default !== undefined && options.default !== "") return options.default;
    }
  }

  /** A hidden answer (the password): nothing is echoed on a real terminal. */
  async hidden(question: string, options: { option: string; what?: string | undefined }): Promise<string> {
    this.#require(options.option, options.what ?? `missing ${options.option}`);
    for (;;) {
      this.#io.stderr.write(`${question}: `);
      const answer = await this.#readLine(true);
      if (answer !== "") return answer;
    }
  }

  /** `Question [y/N]: ` → yes or no. Without a terminal the default is taken silently. */
  async confirm(question: string, defaultValue = false): Promise<boolean> {
    if (!this.interactive) return defaultValue;
    for (;;) {
      this.#io.stderr.write(`${question} [${defaultValue ? "Y/n" : "y/N"}]: `);
      const answer = (await this.#readLine(false)).trim().toLowerCase();
      if (answer === "") return defaultValue;
      if (answer === "y" || answer === "yes") return true;
      if (answer === "n" || answer === "no") return false;
      this.#io.stderr.write("Error: invalid input\n");
    }
  }

  /** An integer from 1 to `count` (a menu choice). */
  async choose(
    question: string,
    count: number,
    options: { default?: number | undefined; option: string; what: string },
  ): Promise<number> {
    this.#require(options.option, options.what);
    for (;;) {
      const answer = await this.text(question, {
        option: options.option,
        default: options.default === undefined ? undefined : String(options.default),
      });
      const value = /^\d+$/.test(answer) ? Number(answer) : Number.NaN;
      if (value >= 1 && value <= count) return value;
      this.#io.stderr.write(
        Number.isNaN(value)
          ? `Error: '${answer}' is not a valid integer.\n`
          : `Error: ${answer} is not in the range 1<=x<=${count}.\n`,
      );
    }
  }

  async #readLine(hidden: boolean, newlineAtEnd = true): Promise<string> {
    const stdin = this.#io.stdin as (AsyncIterable<string | Buffer> & RawModeStream) | undefined;
    const raw = hidden && stdin?.isTTY === true && typeof stdin.setRawMode === "function";
    if (raw) stdin.setRawMode?.(true);
    try {
      return raw ? await this.#readRaw() : await this.#readBuffered(newlineAtEnd);
    } finally {
      if (raw) {
        stdin.setRawMode?.(false);
        this.#io.stderr.write("\n");
      }
    }
  }

  async #next(): Promise<string | undefined> {
    if (this.#ended || !this.#io.stdin) return undefined;
    this.#iterator ??= this.#io.stdin[Symbol.asyncIterator]();
    const result: IteratorResult<string | Buffer> = await this.#iterator.next();
    if (result.done === true) {
      this.#ended = true;
      return undefined;
    }
    return typeof result.value === "string" ? result.value : result.value.toString("utf8");
  }

  async #readBuffered(newlineAtEnd: boolean): Promise<string> {
    for (;;) {
      const newline = this.#buffer.indexOf("\n");
      if (newline >= 0) {
        const line = this.#buffer.slice(0, newline).replace(/\r$/, "");
        this.#buffer = this.#buffer.slice(newline + 1);
        return line;
      }
      const chunk = await this.#next();
      if (chunk === undefined) {
        if (this.#buffer !== "") {
          const line = this.#buffer;
          this.#buffer = "";
          return line;
        }
        if (newlineAtEnd) this.#io.stderr.write("\n");
        throw new AbortedError("no answer (end of input)");
      }
      this.#buffer += chunk;
    }
  }

  async #readRaw(): Promise<string> {
    let answer = "";
    for (;;) {
      const chunk = this.#buffer !== "" ? this.#buffer : await this.#next();
      this.#buffer = "";
      if (chunk === undefined) throw new AbortedError("no answer (end of input)");
      for (const char of chunk) {
        if (char === "\r" || char === "\n") return answer;
        if (char === "\u0003" || char === "\u0004") throw new AbortedError("aborted");
        if (char === "\u007f" || char === "\b") answer = answer.slice(0, -1);
        else answer += char;
      }
    }
  }

  /** Stops reading stdin so the process can exit. */
  async close(): Promise<void> {
    await this.#iterator?.return?.();
    this.#iterator = undefined;
  }
}
