import type { CallOptions } from "./options.js";

/** What shared work is given: it runs for every caller at once. */
export interface Flight {
  /** Aborted when every caller has left (their signal or timeout); pass it to every request and sleep. */
  readonly signal: AbortSignal;
  /** The per-attempt timeout now: the longest among the callers still waiting. */
  attemptTimeout(): number;
  /**
   * Call at the start of each attempt: returns its timeout ({@link attemptTimeout}), and every
   * caller with a shorter one re-arms its own timer.
   */
  startAttempt(): number;
}

interface Waiter {
  /** This caller's own per-attempt timeout. */
  readonly timeout: number;
  rearm(attemptTimeout: number): void;
}

interface Shared<V> {
  readonly controller: AbortController;
  readonly waiters: Set<Waiter>;
  promise: Promise<V>;
  settled: boolean;
  attemptTimeout: number;
}

/** Options of {@link SingleFlight.run}: the caller's {@link CallOptions} and how to report its timeout. */
export interface FlightOptions extends CallOptions {
  /** The error a caller gets when its own timeout ends its wait (the same a lone attempt would give). */
  readonly timeoutError: (timeout: number) => Error;
}

/**
 * Shares one promise between every concurrent caller with the same key (identical reads, the JWT
 * mint, the person id). Each caller's `signal` and `timeout` end only that caller's wait: with
 * identical concurrent reads, a caller that gives up must not fail the others (issue 20, defect 3).
 * The shared work is aborted only when every caller has left; the next caller then starts afresh.
 *
 * A caller's `timeout` stays per attempt: it is re-armed each time the work starts an attempt.
 * The attempt itself runs with the longest timeout among the callers, so a lone caller's attempt
 * times out exactly as an unshared one would, with the transport's own error.
 */
export class SingleFlight<K, V> {
  readonly #flights = new Map<K, Shared<V>>();
  readonly #defaultTimeout: number;

  /** @param defaultTimeout - the per-attempt timeout of a caller that gives none */
  constructor(defaultTimeout: number) {
    this.#defaultTimeout = defaultTimeout;
  }

  /** Joins the flight for `key`, starting `work` when there is none. */
  run(key: K, options: FlightOptions, work: (flight: Flight) => Promise<V>): Promise<V> {
    if (options.signal?.aborted) return Promise.reject(options.signal.reason as Error);
    let shared = this.#flights.get(key);
    if (!shared) shared = this.#start(key, options, work);
    return this.#wait(key, shared, options);
  }

  #start(key: K, options: FlightOptions, work: (flight: Flight) => Promise<V>): Shared<V> {
    const shared: Shared<V> = {
      controller: new AbortController(),
      waiters: new Set(),
      promise: Promise.resolve() as Promise<V>,
      settled: false,
      attemptTimeout: options.timeout ?? this.#defaultTimeout,
    };
    const flight: Flight = {
      signal: shared.controller.signal,
      attemptTimeout: () => {
        const timeouts = [...shared.waiters].map((waiter) => waiter.timeout);
        return timeouts.length === 0 ? this.#defaultTimeout : Math.max(...timeouts);
      },
      startAttempt: () => {
        shared.attemptTimeout = flight.attemptTimeout();
        for (const waiter of shared.waiters) waiter.rearm(shared.attemptTimeout);
        return shared.attemptTimeout;
      },
    };
    this.#flights.set(key, shared);
    // Started on the next tick, once the first caller is registered as a waiter.
    shared.promise = Promise.resolve()
      .then(() => work(flight))
      .finally(() => {
        shared.settled = true;
        if (this.#flights.get(key) === shared) this.#flights.delete(key);
      });
    return shared;
  }

  #wait(key: K, shared: Shared<V>, options: FlightOptions): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        shared.waiters.delete(waiter);
      };
      const leave = (reason: unknown) => {
        done();
        if (shared.waiters.size === 0 && !shared.settled) {
          if (this.#flights.get(key) === shared) this.#flights.delete(key);
          shared.controller.abort(reason);
        }
        // The abort reason is rethrown unchanged, whatever it is (the contract of CallOptions.signal).
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(reason);
      };
      const onAbort = () => {
        leave(options.signal?.reason);
      };
      const waiter: Waiter = {
        timeout: options.timeout ?? this.#defaultTimeout,
        rearm: (attemptTimeout) => {
          clearTimeout(timer);
          // A timeout no shorter than the attempt's is enforced by the attempt itself.
          if (waiter.timeout >= attemptTimeout) return;
          timer = setTimeout(() => {
            leave(options.timeoutError(waiter.timeout));
          }, waiter.timeout);
        },
      };
      shared.waiters.add(waiter);
      waiter.rearm(shared.attemptTimeout);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      shared.promise.then(
        (value) => {
          done();
          resolve(value);
        },
        (error: unknown) => {
          done();
          // The shared work's failure, passed on unchanged to every caller.
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
          reject(error);
        },
      );
    });
  }
}
