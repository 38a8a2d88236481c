/**
 * Reading a response body with a size cap, counted as received and after decoding, so neither a
 * 100 MB answer nor a small compressed bomb can take more than the cap in memory (issue 20, defect 7).
 */
import type { Readable, Transform } from "node:stream";
import { createBrotliDecompress, createUnzip } from "node:zlib";

/**
 * The decoders for a `Content-Encoding` header, in the order to apply them, or `"unsupported"`.
 * `gzip` and `deflate` share one decoder that recognises both headers.
 */
export function decoderFor(header: string | undefined): Transform[] | "unsupported" {
  if (header === undefined) return [];
  const codings = header
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  const decoders: Transform[] = [];
  for (const coding of codings.reverse()) {
    if (coding === "gzip" || coding === "x-gzip" || coding === "deflate") decoders.push(createUnzip());
    else if (coding === "br") decoders.push(createBrotliDecompress());
    else return "unsupported";
  }
  return decoders;
}

/** A body read whole, or the fact that it was larger than the cap. */
export type LimitedBody = { readonly text: string } | { readonly tooLarge: true };

/**
 * Reads `decoded` (the body after its decoders) to the end as UTF-8, counting the bytes of `raw`
 * (as received) and of `decoded`; stops as soon as either passes `limit`. Rejects when the body
 * breaks off before its end.
 * @param declared - the `Content-Length`, when the server sent one (NaN otherwise)
 */
export function readLimited(
  raw: Readable,
  decoded: Readable,
  limit: number,
  declared: number,
): Promise<LimitedBody> {
  if (declared > limit) return Promise.resolve({ tooLarge: true });
  return new Promise((resolve, reject) => {
    let received = 0;
    let size = 0;
    const chunks: Buffer[] = [];
    // Resolve before destroying: destroying an unfinished message emits "aborted" at once.
    const tooLarge = () => {
      resolve({ tooLarge: true });
      raw.destroy();
      decoded.destroy();
    };
    if (raw !== decoded) {
      raw.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > limit) tooLarge();
      });
    }
    decoded.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge();
      else chunks.push(chunk);
    });
    decoded.on("end", () => {
      resolve({ text: Buffer.concat(chunks).toString("utf8") });
    });
    const broken = (error?: unknown) => {
      reject(error instanceof Error ? error : new Error("the response body ended early"));
    };
    decoded.on("error", broken);
    raw.on("error", broken);
    raw.on("aborted", broken);
    raw.on("close", () => {
      if (!(raw as { complete?: boolean }).complete) broken();
    });
  });
}
