import { unauthorizedResponse } from "./faults.js";
import { loadFixture } from "./fixtures.js";
import type { Classification } from "./operations.js";
import type { HandlerContext, RecordedRequest, SimulatorResponse } from "./server.js";
import { handleVehicle, kamereonError } from "./car.js";
import { handleMyr } from "./myr.js";

export { kamereonError } from "./car.js";

const NOT_FOUND = (): SimulatorResponse => ({
  status: 404,
  body: loadFixture("kamereon/error/resource_not_found.json"),
});

const ACCESS_DENIED = (): SimulatorResponse => ({
  status: 403,
  body: loadFixture("kamereon/error/access_denied.json"),
});

/**
 * Answers Kamereon calls: API key, JWT, country and quota checks, then the person, the accounts and
 * the cars of the world.
 */
export function handleKamereon(
  context: HandlerContext,
  request: RecordedRequest,
  classification: Classification,
): SimulatorResponse {
  if (classification.endpoint?.startsWith("myr/") === true)
    return handleMyr(context, request, classification);
  if (request.headers.apikey !== context.kamereonApiKey) {
    return { status: 403, body: { error: "access_denied", error_description: "Unauthorized" } };
  }
  const token = request.headers["x-gigya-id_token"] ?? "";
  const now = context.now();
  const verdict = context.jwt.verify(token, now);
  if (!verdict.ok) return unauthorizedResponse(`JWT ${verdict.reason}`);
  if (context.revokedJwts.has(token)) return unauthorizedResponse("JWT revoked");
  if (!request.query.country)
    return kamereonError(
      400,
      "err.func.wired.missingRequestParam",
      "Required request parameter 'country' is not present",
    );
  const { world } = context;

  if (classification.endpoint === "person" || classification.endpoint === "notifications") {
    if (request.method !== "GET") return methodNotAllowed(request.method);
    const id = safeDecode(request.path.split("/")[4] ?? "");
    if (!world.persons.has(id) || id !== verdict.personId) return ACCESS_DENIED();
    if (classification.endpoint === "notifications")
      return { body: loadFixture("kamereon/person/notifications.1.json") };
    return { body: world.persons.get(id) };
  }

  const { accountId } = classification;
  if (accountId === undefined || classification.endpoint === undefined) return NOT_FOUND();
  const account = world.accounts.get(accountId);
  const owner = world.persons.get(verdict.personId) as { accounts?: { accountId: string }[] } | undefined;
  if (!account || !owner?.accounts?.some((entry) => entry.accountId === accountId)) return ACCESS_DENIED();

  if (context.quota) {
    const wait = context.quota.take(accountId, now);
    if (wait !== undefined) {
      return {
        status: 429,
        body: loadFixture("kamereon/error/quota_limit.json"),
        headers: { "retry-after": String(Math.ceil(wait / 1000)) },
      };
    }
  }

  if (classification.endpoint === "vehicles") {
    if (request.method !== "GET") return methodNotAllowed(request.method);
    return {
      body: {
        accountId,
        country: account.country,
        vehicleLinks: account.vins.map((vin) => world.vehicles.get(vin)?.link).filter(Boolean),
      },
    };
  }
  const vehicle = classification.vin === undefined ? undefined : world.vehicles.get(classification.vin);
  if (!vehicle || vehicle.accountId !== accountId) return NOT_FOUND();
  if (classification.wrongMethod) return methodNotAllowed(request.method);
  switch (classification.endpoint) {
    case "details":
      return request.method === "GET"
        ? { body: vehicle.link.vehicleDetails }
        : methodNotAllowed(request.method);
    case "contracts":
      // A bare array, as the real API answers (the client wraps it as `contractList`).
      return request.method === "GET"
        ? { body: loadFixture(`kamereon/vehicle_contract/${vehicle.profile.contracts}`) }
        : methodNotAllowed(request.method);
    default:
      return classification.operation
        ? handleVehicle(vehicle, classification.operation, request, now, context.world)
        : NOT_FOUND();
  }
}

function methodNotAllowed(method: string): SimulatorResponse {
  return kamereonError(405, "err.func.wired.methodNotAllowed", `Request method '${method}' is not supported`);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
