/**
 * What a client remembers about each vehicle so that a poller sends fewer requests:
 *
 * - **unsupported endpoints**, learned from the server's answers (`err.func.wired.notFound`,
 *   `err.func.wired.forbidden`, `err.tech.501`, `err.func.403` with inner code 403011), for a
 *   limited time: until then the endpoint fails with {@link EndpointNotAvailableError} without a
 *   request. Transient failures (5xx, quota, privacy mode, network, timeouts, a bad body) are never
 *   taken for "unsupported" (docs/api-notes.md, B4: ioBroker's mistake);
 * - an optional **read cache** with a time to live, off by default; actions drop the reads they
 *   affect, and a failed read is never cached.
 *
 * All of it lives in one {@link VehicleMemories} per client instance: no module-level state.
 */
import {
  AccessDeniedError,
  ContractEndedError,
  EndpointNotAvailableError,
  ForbiddenError,
  type KamereonError,
  NotSupportedError,
  ResourceNotFoundError,
} from "../errors.js";
import type { EndpointKey } from "../registry/index.js";

/** How long learned "unsupported" answers are trusted. */
export interface UnsupportedMemoryOptions {
  /**
   * How long an endpoint learned as unsupported stays blocked (no request is sent meanwhile).
   * @default 86_400_000 (24 hours)
   * @unit milliseconds
   */
  readonly ttl?: number | undefined;
}

/** The read cache: how long a successful read is served again without a request. */
export interface ReadCacheOptions {
  /**
   * Time to live of a cached read.
   * @unit milliseconds
   */
  readonly ttl: number;
  /**
   * Time to live per endpoint, overriding `ttl` (e.g. `{ location: 600_000 }`); `0` disables the
   * cache for that endpoint.
   * @unit milliseconds
   */
  readonly endpoints?: Readonly<Partial<Record<EndpointKey, number>>> | undefined;
  /**
   * Most entries kept per vehicle (history reads with many periods add up); the oldest go first.
   * @default 100
   */
  readonly maxEntries?: number | undefined;
}

/** Memory options, on the client (every vehicle) or on one vehicle. */
export interface VehicleMemoryOptions {
  /**
   * Remember endpoints the server says the vehicle does not support. `false` turns it off.
   * @default { ttl: 86_400_000 } (24 hours)
   */
  readonly unsupportedMemory?: UnsupportedMemoryOptions | false | undefined;
  /** Cache successful reads. @default off */
  readonly cache?: ReadCacheOptions | false | undefined;
}

/** The default time an endpoint learned as unsupported stays blocked: 24 hours. */
export const DEFAULT_UNSUPPORTED_TTL = 24 * 60 * 60_000;

/** Whether an endpoint is read or written: both are remembered separately (`soc-levels` is both). */
export type EndpointUse = "read" | "action";

/** An endpoint learned as unsupported, as {@link RenaultVehicle.knownUnsupported} lists it. */
export interface UnsupportedEndpoint {
  readonly endpoint: EndpointKey;
  readonly use: EndpointUse;
  /** The answer it was learned from (what {@link EndpointNotAvailableError.cause} carries). */
  readonly cause: KamereonError;
  /** When the memory expires and the endpoint is asked again (epoch milliseconds). */
  readonly until: number;
  readonly modelCode: string | undefined;
}

/** What a memory learnt about the endpoints, as it is persisted (src/vehicle/persistence.ts). */
export interface LearntEndpoints {
  readonly worked: readonly { readonly use: EndpointUse; readonly endpoint: EndpointKey }[];
  readonly unsupported: readonly UnsupportedEndpoint[];
}

/**
 * Whether an answer says the endpoint is unsupported for this vehicle.
 *
 * - `err.tech.501` and `err.func.403` with inner code 403011 ("not supported for this can"): always.
 * - `err.func.wired.notFound` / `not-found` and `err.func.wired.forbidden`: only when the endpoint
 *   never worked before (Home Assistant's rule: "permanent only if it never worked"); and a
 *   not-found answer to a read for a period (history, sessions) is not, as it may mean "nothing in
 *   that period".
 * - Anything else (5xx, quota, privacy mode, an expired JWT, network, timeouts…): never.
 */
export function isUnsupportedAnswer(
  error: unknown,
  context: { readonly workedBefore?: boolean; readonly period?: boolean } = {},
): error is KamereonError {
  if (error instanceof NotSupportedError) return true;
  // An ended contract is the car's, not the model's: a renewed contract must work at once.
  if (error instanceof ContractEndedError) return false;
  if (error instanceof AccessDeniedError) return error.innerCode === "403011";
  if (context.workedBefore === true) return false;
  if (error instanceof ForbiddenError) return true;
  if (error instanceof ResourceNotFoundError) return context.period !== true;
  return false;
}

interface CacheEntry {
  readonly endpoint: EndpointKey;
  readonly value: unknown;
  readonly expires: number;
}

/** What one client remembers about one vehicle. */
export class VehicleMemory {
  readonly #now: () => number;
  readonly #unsupportedTtl: number | undefined;
  readonly #cache: ReadCacheOptions | undefined;
  readonly #unsupported = new Map<string, UnsupportedEndpoint>();
  readonly #worked = new Set<string>();
  readonly #entries = new Map<string, CacheEntry>();
  readonly #generations = new Map<EndpointKey, number>();
  #generation = 0;
  #epoch = 0;
  /** Told when what was learnt (worked / unsupported endpoints) changes, to persist it. */
  onLearn: (() => void) | undefined;

  /**
   * @param options - see {@link VehicleMemoryOptions}
   * @param now - clock, in epoch milliseconds
   * @throws {RangeError} a negative or non-finite time to live
   */
  constructor(options: VehicleMemoryOptions = {}, now: () => number = Date.now) {
    this.#now = now;
    const unsupported = options.unsupportedMemory;
    this.#unsupportedTtl =
      unsupported === false ? undefined : checkTtl(unsupported?.ttl ?? DEFAULT_UNSUPPORTED_TTL, "ttl");
    const cache = options.cache;
    if (cache !== undefined && cache !== false) {
      checkTtl(cache.ttl, "cache.ttl");
      for (const [key, ttl] of Object.entries(cache.endpoints ?? {})) checkTtl(ttl, `cache.endpoints.${key}`);
      if (cache.maxEntries !== undefined && !(Number.isInteger(cache.maxEntries) && cache.maxEntries >= 1))
        throw new RangeError("cache.maxEntries must be a positive integer.");
      this.#cache = cache;
    }
  }

  // --- unsupported endpoints ----------------------------------------------------------------------

  /**
   * Throws the remembered {@link EndpointNotAvailableError} (its `cause` is the answer it was
   * learned from) when `endpoint` is known unsupported and the memory has not expired.
   */
  check(use: EndpointUse, endpoint: EndpointKey): void {
    const known = this.#known(use, endpoint);
    if (known) throw new EndpointNotAvailableError(endpoint, known.modelCode, { cause: known.cause });
  }

  /** Whether `endpoint` is known unsupported right now. */
  isKnownUnsupported(use: EndpointUse, endpoint: EndpointKey): boolean {
    return this.#known(use, endpoint) !== undefined;
  }

  /** Records a successful answer: a later not-found or forbidden is then taken as transient. */
  succeeded(use: EndpointUse, endpoint: EndpointKey): void {
    const key = slot(use, endpoint);
    if (this.#worked.has(key)) return;
    this.#worked.add(key);
    this.onLearn?.();
  }

  /**
   * Records a failed answer; remembers the endpoint as unsupported when the answer says so
   * ({@link isUnsupportedAnswer}).
   * @returns whether it was remembered
   */
  failed(
    use: EndpointUse,
    endpoint: EndpointKey,
    error: unknown,
    context: { readonly modelCode: string | undefined; readonly period?: boolean },
  ): boolean {
    if (this.#unsupportedTtl === undefined) return false;
    const key = slot(use, endpoint);
    const period = context.period ?? false;
    if (!isUnsupportedAnswer(error, { workedBefore: this.#worked.has(key), period })) return false;
    this.#unsupported.set(key, {
      endpoint,
      use,
      cause: error,
      until: this.#now() + this.#unsupportedTtl,
      modelCode: context.modelCode,
    });
    this.onLearn?.();
    return true;
  }

  /** The endpoints known unsupported right now (expired ones are dropped). */
  knownUnsupported(): UnsupportedEndpoint[] {
    const now = this.#now();
    for (const [key, entry] of this.#unsupported) if (entry.until <= now) this.#unsupported.delete(key);
    return [...this.#unsupported.values()];
  }

  /** Forgets what was learned about `endpoint` (both uses), or about every endpoint. */
  forgetUnsupported(endpoint?: EndpointKey): void {
    const before = this.#unsupported.size;
    for (const [key, entry] of this.#unsupported) {
      if (endpoint === undefined || entry.endpoint === endpoint) this.#unsupported.delete(key);
    }
    if (this.#unsupported.size !== before) this.onLearn?.();
  }

  /** What was learnt, to persist: the endpoints that worked and those refused (unexpired). */
  learnt(): LearntEndpoints {
    const worked = [...this.#worked].sort().map((key) => {
      const [use, endpoint] = key.split(" ") as [EndpointUse, EndpointKey];
      return { use, endpoint };
    });
    return { worked, unsupported: this.knownUnsupported() };
  }

  /** Restores what an earlier process learnt (expired refusals are dropped); does not call `onLearn`. */
  restore(learnt: LearntEndpoints): void {
    for (const { use, endpoint } of learnt.worked) this.#worked.add(slot(use, endpoint));
    if (this.#unsupportedTtl === undefined) return;
    const now = this.#now();
    for (const entry of learnt.unsupported) {
      if (entry.until > now) this.#unsupported.set(slot(entry.use, entry.endpoint), entry);
    }
  }

  #known(use: EndpointUse, endpoint: EndpointKey): UnsupportedEndpoint | undefined {
    const key = slot(use, endpoint);
    const entry = this.#unsupported.get(key);
    if (entry === undefined) return undefined;
    if (entry.until > this.#now()) return entry;
    this.#unsupported.delete(key);
    return undefined;
  }

  // --- read cache ---------------------------------------------------------------------------------

  /** Whether reads of `endpoint` are cached at all. */
  caches(endpoint: EndpointKey): boolean {
    return this.#ttl(endpoint) > 0;
  }

  /** A cached value that has not expired, as a copy (callers may change what they get). */
  cached(endpoint: EndpointKey, query?: Readonly<Record<string, string>>): { value: unknown } | undefined {
    if (!this.caches(endpoint)) return undefined;
    const key = cacheKey(endpoint, query);
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return { value: structuredClone(entry.value) };
  }

  /** A token to pass to {@link store}: a read that overlapped an invalidation is not stored. */
  generation(endpoint: EndpointKey): string {
    return `${this.#epoch}/${this.#generations.get(endpoint) ?? 0}`;
  }

  /** Caches a successful read, unless an action invalidated the endpoint since it started. */
  store(
    endpoint: EndpointKey,
    query: Readonly<Record<string, string>> | undefined,
    value: unknown,
    generation: string,
  ): void {
    const ttl = this.#ttl(endpoint);
    if (ttl <= 0 || generation !== this.generation(endpoint)) return;
    const now = this.#now();
    for (const [key, entry] of this.#entries) if (entry.expires <= now) this.#entries.delete(key);
    const key = cacheKey(endpoint, query);
    this.#entries.delete(key);
    this.#entries.set(key, { endpoint, value: structuredClone(value), expires: now + ttl });
    const max = this.#cache?.maxEntries ?? 100;
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= max) break;
      this.#entries.delete(oldest);
    }
  }

  /** Drops the cached reads of these endpoints (and any read of them still in flight). */
  invalidate(endpoints: readonly EndpointKey[]): void {
    for (const endpoint of endpoints) {
      this.#generations.set(endpoint, ++this.#generation);
      for (const [key, entry] of this.#entries) if (entry.endpoint === endpoint) this.#entries.delete(key);
    }
  }

  /** Drops the whole cache, reads in flight included (after a raw POST, whose effect is unknown). */
  clearCache(): void {
    this.#entries.clear();
    this.#epoch += 1;
  }

  #ttl(endpoint: EndpointKey): number {
    const cache = this.#cache;
    if (cache === undefined) return 0;
    const { endpoints } = cache;
    const own =
      endpoints !== undefined && Object.hasOwn(endpoints, endpoint) ? endpoints[endpoint] : undefined;
    return own ?? cache.ttl;
  }
}

/**
 * The memories of one client, one per vehicle (account id + VIN), so that every
 * `account.vehicle(vin)` of the client shares what was learned.
 */
export class VehicleMemories {
  readonly #options: VehicleMemoryOptions;
  readonly #now: () => number;
  readonly #memories = new Map<string, VehicleMemory>();

  /** @throws {RangeError} invalid options (checked here, not at the first request) */
  constructor(options: VehicleMemoryOptions = {}, now: () => number = Date.now) {
    this.#options = options;
    this.#now = now;
    new VehicleMemory(options, now);
  }

  /** The memory of one vehicle, created on first use. */
  of(accountId: string, vin: string): VehicleMemory {
    const key = JSON.stringify([accountId, vin]);
    let memory = this.#memories.get(key);
    if (memory === undefined) {
      memory = new VehicleMemory(this.#options, this.#now);
      this.#memories.set(key, memory);
    }
    return memory;
  }
}

function slot(use: EndpointUse, endpoint: EndpointKey): string {
  return `${use} ${endpoint}`;
}

function cacheKey(endpoint: EndpointKey, query: Readonly<Record<string, string>> | undefined): string {
  const sorted = Object.entries(query ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([endpoint, sorted]);
}

function checkTtl(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    throw new RangeError(`${name} must be a finite number of milliseconds ≥ 0.`);
  return value;
}
