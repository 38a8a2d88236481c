/**
 * A deliberately bad HTTP server on a real 127.0.0.1 socket, for the faults the simulator does not
 * play (issue 20): a body that stalls or drips, a huge or compressed-bomb body, absurd `Retry-After`
 * values, control characters and echoed secrets in error messages, redirects.
 *
 * Each route is a behaviour chosen by the test; every request is recorded (method, path, headers,
 * body) so tests assert on what went out. Closed after each test.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { constants, createBrotliCompress, createDeflate, createGzip } from "node:zlib";
import { afterEach } from "vitest";

/** One request the hostile server received. */
export interface HostileRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

/** How the server answers one path. */
export type Behaviour = (request: HostileRequest, response: ServerResponse) => void;

/** A running hostile server. */
export interface HostileServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly url: string;
  readonly requests: HostileRequest[];
  /** Bytes of body written per path, counted as they leave (to prove a client stopped reading). */
  readonly written: Map<string, number>;
  /** TCP connections accepted so far (keep-alive reuses one). */
  readonly connections: number;
  /** Answers `path` (without the query; `*` for every other path) with `behaviour`; else 404. */
  route(path: string, behaviour: Behaviour): void;
  close(): Promise<void>;
}

const running: HostileServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** Starts a hostile server that is closed after the current test. */
export async function useHostileServer(): Promise<HostileServer> {
  const routes = new Map<string, Behaviour>();
  const requests: HostileRequest[] = [];
  const written = new Map<string, number>();
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const path = (incoming.url ?? "/").split("?")[0] ?? "/";
      const request = {
        method: incoming.method ?? "GET",
        path,
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      const write = response.write.bind(response) as (chunk: string | Buffer) => boolean;
      response.write = ((chunk: string | Buffer, ...rest: unknown[]) => {
        written.set(path, (written.get(path) ?? 0) + Buffer.byteLength(chunk));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof response.write;
      const behaviour = routes.get(path) ?? routes.get("*");
      if (behaviour) behaviour(request, response);
      else response.writeHead(404).end();
    });
  });
  let connections = 0;
  server.on("connection", () => connections++);
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  const hostile: HostileServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    written,
    get connections() {
      return connections;
    },
    route: (path, behaviour) => routes.set(path, behaviour),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  running.push(hostile);
  return hostile;
}

/** Headers (with a `Content-Length` that promises more) and `partial`, then nothing, ever. */
export function stallAfter(partial: string, declaredLength = 10_000): Behaviour {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "application/json", "content-length": declaredLength });
    response.write(partial);
  };
}

/** Headers, then one byte every `interval` ms, forever (a body that never ends, yet never idles). */
export function drip(interval: number): Behaviour {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.write("{");
    // Closing the server closes the connection, which stops the timer.
    const timer = setInterval(() => response.write(" "), interval);
    response.on("close", () => {
      clearInterval(timer);
    });
  };
}

/** A body of `size` bytes of JSON-ish filler, streamed as fast as the client reads it. */
export function hugeBody(size: number, declareLength = false): Behaviour {
  return (_request, response) => {
    response.writeHead(200, {
      "content-type": "application/json",
      ...(declareLength ? { "content-length": size } : {}),
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let left = size;
    const pump = () => {
      while (left > 0 && !response.destroyed) {
        const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= part.length;
        if (!response.write(part)) {
          response.once("drain", pump);
          return;
        }
      }
      if (left === 0) response.end();
    };
    pump();
  };
}

/** `decodedSize` bytes of spaces, compressed on the fly with `encoding`: a small body that inflates. */
export function compressedBomb(encoding: "gzip" | "deflate" | "br", decodedSize: number): Behaviour {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "application/json", "content-encoding": encoding });
    const compressor =
      encoding === "gzip"
        ? createGzip({ level: 9 })
        : encoding === "deflate"
          ? createDeflate({ level: 9 })
          : createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
    compressor.on("data", (data: Buffer) => response.write(data));
    compressor.on("end", () => response.end());
    response.on("close", () => compressor.destroy());
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let left = decodedSize;
    const pump = () => {
      while (left > 0 && !response.destroyed) {
        left -= chunk.length;
        if (!compressor.write(chunk)) {
          compressor.once("drain", pump);
          return;
        }
      }
      compressor.end();
    };
    pump();
  };
}

/** A redirect to `location`. */
export function redirectTo(location: string, status = 302): Behaviour {
  return (_request, response) => {
    response.writeHead(status, { location }).end();
  };
}

/** A JSON answer with the given status, body and headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Behaviour {
  return (_request, response) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    response.writeHead(status, { "content-type": "application/json", ...headers }).end(text);
  };
}

/** A Kamereon error answer whose `errorMessage` is built from the request (to echo its secrets). */
export function kamereonError(
  status: number,
  code: string,
  message: (request: HostileRequest) => string,
  headers: Record<string, string> = {},
): Behaviour {
  return (request, response) => {
    const body = JSON.stringify({ errors: [{ errorCode: code, errorMessage: message(request) }] });
    response.writeHead(status, { "content-type": "application/json", ...headers }).end(body);
  };
}
