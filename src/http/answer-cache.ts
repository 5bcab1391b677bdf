// Serialised answers kept per API process, keyed by what was asked and tagged with the version of what they were
// built from. A read that finds its answer under the same tag sends the stored bytes as they are (gzipped once, for
// clients that accept it): no row decoding, no presenting, no JSON.stringify, no UTF-8 encoding. The tag is read
// from the database on every request before anything else (users.answers_version, one primary-key lookup, set by
// triggers in the committing transaction), so an answer can never outlive a change of the rows it came from,
// whichever process or worker made the change.

import { constants, gzipSync } from "node:zlib";
import type { Context, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import type { Deps } from "../deps.js";

/** Bounds the memory of the answers kept (their UTF-8 bytes and gzipped bytes); past it the least used go. */
const MAX_CACHED_BYTES = 16 * 1024 * 1024;
/** Below this a body is sent as it is: gzip's header and the client's inflating would cost more than they save. */
const MIN_GZIP_BYTES = 1024;

/** An answer's JSON as UTF-8 bytes; the type of the value it encodes travels with it, for the route's schema. */
export interface JsonAnswer<T> {
  readonly body: Buffer;
  /** The body gzipped (made on first use, then kept with it); null when the body is too small to gain from it. */
  gzipped(): Buffer | null;
  readonly __jsonOf?: T;
}

class Entry {
  private gz: Buffer | null | undefined;

  constructor(
    readonly tag: string,
    readonly body: Buffer,
    private readonly onGrow: (bytes: number) => void,
  ) {}

  get bytes(): number {
    return this.body.length + (this.gz?.length ?? 0);
  }

  gzipped(): Buffer | null {
    if (this.gz === undefined) {
      this.gz = this.body.length < MIN_GZIP_BYTES ? null : gzipSync(this.body, { level: constants.Z_DEFAULT_COMPRESSION });
      this.onGrow(this.gz?.length ?? 0);
    }
    return this.gz;
  }
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  /** The answer stored for `key` under exactly `tag`, or null. */
  get(key: string, tag: string): Entry | null {
    const entry = this.entries.get(key);
    if (!entry || entry.tag !== tag) return null;
    // Map order is insertion order: re-inserting marks the entry as the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, tag: string, body: Buffer): Entry {
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.bytes -= previous.bytes;
    }
    const entry = new Entry(tag, body, (grown) => {
      this.bytes += grown;
      this.evict();
    });
    if (body.length > MAX_CACHED_BYTES / 4) return entry;
    this.entries.set(key, entry);
    this.bytes += body.length;
    this.evict();
    return entry;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.bytes <= MAX_CACHED_BYTES) break;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
    }
  }
}

// One cache per set of dependencies (one per process in production, one per test harness).
const caches = new WeakMap<object, AnswerCache>();

function cacheOf(deps: Pick<Deps, "db">): AnswerCache {
  let cache = caches.get(deps.db);
  if (!cache) {
    cache = new AnswerCache();
    caches.set(deps.db, cache);
  }
  return cache;
}

/** The answer for `key`: the stored one when `tag` still matches, else `build()`'s, serialised and kept. */
export async function cachedJson<T>(deps: Pick<Deps, "db">, key: string, tag: string, build: () => Promise<T>): Promise<JsonAnswer<T>> {
  const cache = cacheOf(deps);
  const hit = cache.get(key, tag);
  if (hit !== null) return hit;
  return cache.set(key, tag, Buffer.from(JSON.stringify(await build()), "utf8"));
}

/** RFC 9110 §12.5.3: `gzip` (or `*`) listed without `q=0`. */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding = "", ...params] = part.trim().toLowerCase().split(";");
    const refused = params.some((param) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(param));
    return (coding.trim() === "gzip" || coding.trim() === "*") && !refused;
  });
}

/** A 200 answer from a serialised one: the JSON `c.json(value, 200)` would write, gzipped when the client accepts it. */
export function jsonTextResponse<T>(c: Context, answer: JsonAnswer<T>): TypedResponse<JSONParsed<T>, 200, "json"> {
  const gzip = acceptsGzip(c.req.header("accept-encoding")) ? answer.gzipped() : null;
  const headers: Record<string, string> = { "content-type": "application/json", vary: "Accept-Encoding" };
  if (gzip) headers["content-encoding"] = "gzip";
  // Buffers made by Buffer.from and gzipSync sit on plain ArrayBuffers (never shared memory), as c.body's type asks.
  const bytes = (gzip ?? answer.body) as Uint8Array<ArrayBuffer>;
  return c.body(bytes, 200, headers) as unknown as TypedResponse<JSONParsed<T>, 200, "json">;
}
