import { createHmac, randomBytes } from "node:crypto";

/** Mints and checks the simulator's JWTs (HS256, signed with a per-instance secret). */
export class JwtIssuer {
  readonly #secret = randomBytes(32);

  /** A JWT for `personId` that expires `lifetime` seconds after `now` (epoch ms). */
  mint(personId: string, now: number, lifetime: number): string {
    const header = encode({ alg: "HS256", typ: "JWT" });
    const iat = Math.floor(now / 1000);
    const payload = encode({
      iss: "renault-api-simulator",
      sub: personId,
      personId,
      iat,
      exp: iat + lifetime,
      jti: randomBytes(6).toString("hex"),
    });
    return `${header}.${payload}.${this.#sign(`${header}.${payload}`)}`;
  }

  /** The token's claims when it is ours and not expired at `now`, else the reason it is refused. */
  verify(
    token: string,
    now: number,
  ): { ok: true; personId: string } | { ok: false; reason: "invalid" | "expired" } {
    const [header, payload, signature] = token.split(".");
    if (!header || !payload || signature !== this.#sign(`${header}.${payload}`))
      return { ok: false, reason: "invalid" };
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      exp: number;
      personId: string;
    };
    if (claims.exp * 1000 <= now) return { ok: false, reason: "expired" };
    return { ok: true, personId: claims.personId };
  }

  #sign(data: string): string {
    return createHmac("sha256", this.#secret).update(data).digest("base64url");
  }
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
