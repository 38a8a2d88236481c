/** `http get|post|post-file`: raw Kamereon requests, for endpoints the CLI has no command for. */
import { readFile } from "node:fs/promises";
import { defineCommand, defineGroup } from "../command.js";
import type { Context } from "../context.js";
import { json } from "../render.js";
import { UsageError } from "../usage.js";

const ENDPOINT_HELP =
  "Kamereon path from /commerce/v1/…; {account_id}, {vin} and {person_id} are replaced " +
  "(e.g. /commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/cockpit)";

async function send(
  context: Context,
  method: "GET" | "POST",
  endpoint: string,
  body?: unknown,
): Promise<void> {
  if (!endpoint.startsWith("/")) {
    throw new UsageError(
      `the endpoint must start with /commerce/…, got '${endpoint}'`,
      `renault-api http ${method.toLowerCase()} [options] ENDPOINT`,
    );
  }
  let answer: unknown;
  if (endpoint.includes("{vin}")) {
    const vehicle = await context.vehicle();
    const path = endpoint.replaceAll("{person_id}", encodeURIComponent(await personId(context)));
    answer =
      method === "GET"
        ? await vehicle.httpGet(path, context.call)
        : await vehicle.httpPost(path, body, context.call);
  } else {
    const client = await context.loggedInClient();
    let path = endpoint;
    if (path.includes("{person_id}"))
      path = path.replaceAll("{person_id}", encodeURIComponent(await personId(context)));
    if (path.includes("{account_id}"))
      path = path.replaceAll("{account_id}", encodeURIComponent(await context.accountId()));
    answer = await client.session.request(method, path, {
      ...context.call,
      ...(method === "POST" ? { body } : {}),
    });
  }
  // Raw answers are JSON in both modes (the Python CLI printed a Python repr without --json).
  context.print(json(answer));
}

async function personId(context: Context): Promise<string> {
  const client = await context.loggedInClient();
  return client.session.getPersonId(context.call);
}

function parseBody(text: string, where: string, usage: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(
      `${where} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      usage,
    );
  }
}

const get = defineCommand({
  name: "get",
  summary: "GET a Kamereon path and print the answer.",
  args: [{ name: "endpoint", description: ENDPOINT_HELP }],
  examples: [
    "renault-api http get '/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/cockpit'",
  ],
  async run(context, { args }) {
    await send(context, "GET", args.endpoint);
  },
});

const post = defineCommand({
  name: "post",
  summary: "POST a JSON body to a Kamereon path.",
  args: [
    { name: "endpoint", description: ENDPOINT_HELP },
    { name: "json_body", description: "the body, as JSON text" },
  ],
  async run(context, { args }) {
    const body = parseBody(args.json_body, "JSON_BODY", "renault-api http post [options] ENDPOINT JSON_BODY");
    await send(context, "POST", args.endpoint, body);
  },
});

const postFile = defineCommand({
  name: "post-file",
  summary: "POST the JSON of a file to a Kamereon path.",
  args: [
    { name: "endpoint", description: ENDPOINT_HELP },
    { name: "file", description: "file holding the JSON body" },
  ],
  async run(context, { args }) {
    const usage = "renault-api http post-file [options] ENDPOINT FILE";
    let text: string;
    try {
      text = await readFile(args.file, "utf8");
    } catch (error) {
      throw new UsageError(
        `cannot read ${args.file}: ${(error as { code?: string }).code ?? String(error)}`,
        usage,
      );
    }
    await send(context, "POST", args.endpoint, parseBody(text, args.file, usage));
  },
});

export const http = defineGroup({
  name: "http",
  summary: "Raw Kamereon requests.",
  description: "Send raw Kamereon requests (to document a model's endpoints, or use one the CLI lacks).",
  commands: { get, post, "post-file": postFile },
});
