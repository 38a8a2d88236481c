/**
 * The routing and learning of one vehicle: the model code (from its details, fetched once unless
 * preloaded or persisted), the route of each key from the registry, the memory of endpoints that
 * worked or were refused, the read cache, and the persistence of what was learnt. Every read and
 * action of {@link RenaultVehicle} goes through {@link VehicleCore.read} or {@link VehicleCore.act}.
 */
import { EndpointNotAvailableError, InvalidArgumentError, KamereonError } from "../errors.js";
import { encodeSegment, path } from "../http/path.js";
import { type EndpointUse, VehicleMemory } from "../kamereon/memory.js";
import { EvSettingsSchema } from "../kamereon/models/charge.js";
import { parse } from "../kamereon/models/common.js";
import { VehicleDetailsSchema, modelCode, type VehicleDetails } from "../kamereon/models/details.js";
import {
  READS,
  buildAction,
  invalidatedBy,
  isActionKey,
  resolveEndpoint,
  supportsEndpoint,
  warnIfUndocumentedModel,
  type ActionArguments,
  type ActionVia,
  type EndpointDefinition,
  type EndpointKey,
  type PostKey,
  type ReadKey,
  type ReadResult,
} from "../registry/index.js";
import type { CallOptions, RenaultSession, RequestOptions } from "../session.js";
import type { RenaultVehicleOptions } from "../vehicle.js";
import type { VehiclePersistence } from "./persistence.js";

/** What {@link VehicleCore} is built from. */
export interface VehicleCoreOptions {
  readonly session: RenaultSession;
  readonly accountId: string;
  readonly vin: string;
  readonly warn: (message: string) => void;
  readonly memory: VehicleMemory;
  readonly details?: VehicleDetails | undefined;
  /** Do not take the kept details (the complete ones are wanted). */
  readonly freshDetails?: boolean | undefined;
  readonly persistence?: VehiclePersistence | undefined;
}

/** The raw answer of an action, and the API it went through. */
export interface ActionAnswer {
  readonly via: ActionVia;
  readonly answer: unknown;
}

export class VehicleCore {
  readonly session: RenaultSession;
  readonly accountId: string;
  readonly vin: string;
  readonly memory: VehicleMemory;
  readonly #warn: (message: string) => void;
  readonly #persistence: VehiclePersistence | undefined;
  readonly #freshDetails: boolean;
  #details: Promise<VehicleDetails> | undefined;
  #known: VehicleDetails | undefined;
  #restored: Promise<void> | undefined;
  #learnt = false;

  constructor(options: VehicleCoreOptions) {
    this.session = options.session;
    this.accountId = options.accountId;
    this.vin = options.vin;
    this.memory = options.memory;
    this.#warn = options.warn;
    this.#persistence = options.persistence;
    this.#freshDetails = options.freshDetails === true;
    if (options.details) {
      this.#known = options.details;
      this.#details = Promise.resolve(options.details);
    }
  }

  /** Restores what an earlier process learnt, once; then listens for what is learnt next. */
  restore(): Promise<void> {
    this.#restored ??= (async () => {
      const persistence = this.#persistence;
      if (persistence === undefined) return;
      const record = await persistence.load(this.vin).catch(() => undefined);
      if (record !== undefined) {
        this.memory.restore(record.learnt);
        if (this.#details === undefined && record.details !== undefined && !this.#freshDetails) {
          this.#known = record.details;
          this.#details = Promise.resolve(record.details);
        }
      }
      this.memory.onLearn = () => {
        this.#learnt = true;
      };
    })();
    return this.#restored;
  }

  /** The details: preloaded, persisted, or fetched once (a failed fetch is tried again next time). */
  async details(options: CallOptions): Promise<VehicleDetails> {
    await this.restore();
    this.#details ??= (async () => {
      const url = path`/commerce/v1/accounts/${this.accountId}/vehicles/${this.vin}/details`;
      const details = parse(
        VehicleDetailsSchema,
        await this.session.request("GET", url, callOf(options)),
        "details",
      );
      this.#known = details;
      this.#learnt = true;
      await this.#persist();
      return details;
    })().catch((error: unknown) => {
      this.#details = undefined;
      throw error;
    });
    return this.#details;
  }

  /** The model code when the details are already known (preloaded or persisted), without a request. */
  knownModelCode(): string | undefined {
    return this.#known && modelCode(this.#known);
  }

  /** The model code, warning once per client when the model is undocumented. */
  async modelCode(options: CallOptions): Promise<string | undefined> {
    const code = modelCode(await this.details(options));
    warnIfUndocumentedModel(code, this.#warn);
    return code;
  }

  /** The route of `key` for this vehicle's model. @throws {EndpointNotAvailableError} */
  async route(key: EndpointKey, options: CallOptions): Promise<EndpointDefinition> {
    return resolveEndpoint(modelCode(await this.details(options)), key, this.#warn);
  }

  /** Whether the model may support `key` and the server has not refused it recently. */
  async supports(key: EndpointKey, options: CallOptions): Promise<boolean> {
    await this.restore();
    if (this.memory.isKnownUnsupported(isActionKey(key) ? "action" : "read", key)) return false;
    return supportsEndpoint(modelCode(await this.details(options)), key);
  }

  /** The absolute path of a route for this vehicle. */
  url(route: EndpointDefinition): string {
    return (
      path`/commerce/v1/accounts/${this.accountId}/kamereon` +
      route.path.replaceAll("{vin}", encodeSegment(this.vin))
    );
  }

  /** `rawPath` with `{account_id}` and `{vin}` replaced (encoded). @throws {InvalidArgumentError} */
  rawPath(rawPath: string): string {
    if (typeof rawPath !== "string" || !rawPath.startsWith("/")) {
      throw new InvalidArgumentError(
        "path",
        'The path must be absolute, e.g. "/commerce/v1/accounts/{account_id}/…".',
      );
    }
    return rawPath
      .replaceAll("{account_id}", encodeSegment(this.accountId))
      .replaceAll("{vin}", encodeSegment(this.vin));
  }

  /**
   * A routed read: a cached value when there is one; else, unless the endpoint is known
   * unsupported, the request, decoded with the registry's schema; a value that parsed is cached.
   */
  async read<K extends ReadKey>(
    key: K,
    options: CallOptions,
    query?: Readonly<Record<string, string>>,
  ): Promise<ReadResult<K>> {
    const hit = this.memory.cached(key, query);
    if (hit) return hit.value as ReadResult<K>;
    await this.restore();
    this.memory.check("read", key);
    const generation = this.memory.generation(key);
    const route = await this.route(key, options);
    const spec = READS[key];
    const request = { ...callOf(options), query, ...(spec.arrayKey ? { arrayKey: spec.arrayKey } : {}) };
    const body = await this.send("read", key, "GET", this.url(route), request, query !== undefined);
    const value = spec.decode(body, route.mode) as ReadResult<K>;
    this.memory.store(key, query, value, generation);
    return value;
  }

  /**
   * Sends an action with the registry's request builder for the route's mode (a POST, or the GET
   * then POST of a read-modify-write). @throws {EndpointNotAvailableError} the mode cannot send it
   */
  async act<K extends PostKey>(
    key: K,
    args: ActionArguments[K],
    options: CallOptions,
  ): Promise<ActionAnswer> {
    await this.restore();
    this.memory.check("action", key);
    const route = await this.route(key, options);
    const request = buildAction(key, route, args);
    if (request === undefined) throw new EndpointNotAvailableError(key, await this.modelCode(options));
    const url = this.url(route);
    if (request.method === "POST") {
      const answer = await this.send("action", key, "POST", url, { ...callOf(options), body: request.body });
      return { via: request.via, answer };
    }
    const current = parse(
      EvSettingsSchema,
      await this.send("action", key, "GET", url, callOf(options)),
      "ev/settings",
    );
    const body = request.modify(current);
    return {
      via: request.via,
      answer: await this.send("action", key, "POST", url, { ...callOf(options), body }),
    };
  }

  /**
   * Sends a routed request and learns from its answer: a success marks the endpoint as working, an
   * "unsupported" answer is remembered (and persisted). A POST drops the cached reads it changes,
   * whatever its outcome (it may have reached the car even when the answer was lost).
   */
  async send(
    use: EndpointUse,
    key: EndpointKey,
    method: "GET" | "POST",
    url: string,
    request: RequestOptions,
    period = false,
  ): Promise<unknown> {
    try {
      const body = await this.session.request(method, url, request);
      this.memory.succeeded(use, key);
      return body;
    } catch (error) {
      if (error instanceof KamereonError) {
        const details = await this.#details?.catch(() => undefined);
        this.memory.failed(use, key, error, { modelCode: details && modelCode(details), period });
      }
      throw error;
    } finally {
      if (method === "POST") this.memory.invalidate(invalidatedBy(key));
      await this.#persist();
    }
  }

  /** Writes the record when something was learnt since the last write (best effort). */
  async #persist(): Promise<void> {
    if (!this.#learnt || this.#persistence === undefined) return;
    this.#learnt = false;
    await this.#persistence
      .save(this.vin, { details: this.#known, learnt: this.memory.learnt() })
      .catch(() => undefined);
  }
}

/** Only the caller's signal and timeout are passed on. */
export function callOf(options: CallOptions): CallOptions {
  return { signal: options.signal, timeout: options.timeout };
}

/**
 * The core of a {@link RenaultVehicle} built from its options.
 * @throws {InvalidArgumentError} an empty account id or VIN
 */
export function createVehicleCore(options: RenaultVehicleOptions): VehicleCore {
  if (typeof options.accountId !== "string" || options.accountId === "") {
    throw new InvalidArgumentError("accountId", "accountId must be a non-empty string.");
  }
  if (typeof options.vin !== "string" || options.vin === "") {
    throw new InvalidArgumentError("vin", "vin must be a non-empty string.");
  }
  return new VehicleCore({
    session: options.session,
    accountId: options.accountId,
    vin: options.vin,
    warn: options.warn ?? (() => undefined),
    memory:
      options.memory ??
      new VehicleMemory({ unsupportedMemory: options.unsupportedMemory, cache: options.cache }, options.now),
    details: options.details,
    freshDetails: options.freshDetails,
    persistence: options.persistence,
  });
}
