/** An unbounded queue of events read as an async iterator; closed once, with or without an error. */
export class EventQueue<T> {
  readonly #items: T[] = [];
  #waiting: ((result: IteratorResult<T>) => void) | undefined;
  #failWaiting: ((error: Error) => void) | undefined;
  #closed = false;
  #error: { readonly error: Error } | undefined;

  push(item: T): void {
    if (this.#closed) return;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    if (waiting) waiting({ value: item, done: false });
    else this.#items.push(item);
  }

  close(error?: { readonly error: Error }): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#error = error;
    const waiting = this.#waiting;
    const fail = this.#failWaiting;
    this.#waiting = undefined;
    if (error && fail) fail(error.error);
    else waiting?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    const item = this.#items.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.#closed) {
      const error = this.#error;
      this.#error = undefined;
      return error ? Promise.reject(error.error) : Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.#waiting = resolve;
      this.#failWaiting = reject;
    });
  }
}
