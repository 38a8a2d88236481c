/**
 * The default transport: `node:http`/`node:https` with a keep-alive agent. Loading it costs a
 * fraction of Node's built-in `fetch` in time and memory (issue 14). Idle sockets of the agent
 * are unreferenced by Node, so they never keep a process alive.
 */
import {
  Agent as HttpAgent,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request as httpRequest,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Readable } from "node:stream";
import { decoderFor, readLimited } from "./body.js";
import { arm, type Exchange, type Failure, type Outcome, wasNotSent } from "./exchange.js";
import type { ResponseHeaders } from "./transport.js";

let httpAgent: HttpAgent | undefined;
let httpsAgent: HttpsAgent | undefined;

/** Sends one exchange with `node:http`/`node:https`; never rejects. */
export function sendWithNode(exchange: Exchange): Promise<Outcome> {
  const { request, signal } = exchange;
  if (signal?.aborted)
    return Promise.resolve({ failure: { kind: "aborted", reason: signal.reason as unknown } });
  return new Promise((resolve) => {
    const url = new URL(request.url);
    const secure = url.protocol === "https:";
    const agent = secure
      ? (httpsAgent ??= new HttpsAgent({ keepAlive: true }))
      : (httpAgent ??= new HttpAgent({ keepAlive: true }));
    const body = request.body === undefined ? undefined : Buffer.from(request.body, "utf8");
    const headers: Record<string, string> = { "accept-encoding": "gzip, deflate, br", ...request.headers };
    if (body !== undefined) headers["content-length"] = String(body.length);
    let connected = false;
    let settled = false;
    let response: IncomingMessage | undefined;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      disarm();
      if ("failure" in outcome) {
        response?.destroy();
        outgoing.destroy();
      }
      resolve(outcome);
    };
    const fail = (failure: Failure) => {
      finish({ failure });
    };
    const disarm = arm(
      exchange,
      () => {
        fail({ kind: "timeout", notSent: !connected });
      },
      (reason) => {
        fail({ kind: "aborted", reason });
      },
    );
    const outgoing = (secure ? httpsRequest : httpRequest)(url, { method: request.method, headers, agent });
    outgoing.on("socket", (socket) => {
      if (!socket.connecting) connected = true;
      else socket.once("connect", () => (connected = true));
    });
    outgoing.on("error", (cause) => {
      fail({ kind: "network", notSent: !connected && wasNotSent(cause), cause });
    });
    outgoing.on("response", (incoming) => {
      response = incoming;
      const status = incoming.statusCode ?? 0;
      if (status >= 300 && status < 400 && status !== 304) {
        fail({ kind: "redirect", status, location: incoming.headers.location ?? null });
        return;
      }
      const decoded = decoderFor(incoming.headers["content-encoding"]);
      if (decoded === "unsupported") {
        fail({ kind: "network", notSent: false, cause: new Error("unsupported content-encoding") });
        return;
      }
      const stream: Readable = decoded.reduce<Readable>((source, decoder) => source.pipe(decoder), incoming);
      for (const decoder of decoded)
        decoder.on("error", (cause) => {
          fail({ kind: "network", notSent: false, cause });
        });
      readLimited(incoming, stream, exchange.maxBodySize, Number(incoming.headers["content-length"])).then(
        (result) => {
          if ("tooLarge" in result) fail({ kind: "too-large" });
          else finish({ status, headers: headersOf(incoming.headers), text: result.text });
        },
        (cause: unknown) => {
          fail({ kind: "network", notSent: false, cause });
        },
      );
    });
    outgoing.end(body);
  });
}

function headersOf(raw: IncomingHttpHeaders): ResponseHeaders {
  return {
    get(name) {
      const value = raw[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
    getSetCookie() {
      return raw["set-cookie"] ?? [];
    },
  };
}
