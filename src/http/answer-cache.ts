// Serialised answers kept per API process, keyed by what was asked and tagged with the version of what they were
// built from. A read that finds its answer under the same tag sends the stored JSON text as it is: no row decoding,
// no presenting, no JSON.stringify. The tag is read from the database on every request (one cheap query), so an
// answer can never outlive a change of the rows it came from, whichever process or worker made the change.

import type { Context, TypedResponse } from "hono";
import type { Deps } from "../deps.js";

/** JSON text of a `T`: the type travels with the text, so a route can still be checked against its schema. */
export type JsonOf<T> = string & { readonly __jsonOf: T };

/** Bounds the memory of the answers kept (JSON text counts 1-2 bytes a character); past it the least used go. */
const MAX_CACHED_CHARS = 16 * 1024 * 1024;

export class AnswerCache {
  private readonly entries = new Map<string, { tag: string; json: string }>();
  private chars = 0;

  /** The JSON text stored for `key` under exactly `tag`, or null. */
  get(key: string, tag: string): string | null {
    const entry = this.entries.get(key);
    if (!entry || entry.tag !== tag) return null;
    // Map order is insertion order: re-inserting marks the entry as the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.json;
  }

  set(key: string, tag: string, json: string): void {
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.chars -= previous.json.length;
    }
    if (json.length > MAX_CACHED_CHARS) return;
    this.entries.set(key, { tag, json });
    this.chars += json.length;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.chars <= MAX_CACHED_CHARS) break;
      this.entries.delete(oldestKey);
      this.chars -= oldest.json.length;
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

/** The answer for `key` as JSON text: the stored one when `tag` still matches, else `build()`'s, serialised and kept. */
export async function cachedJson<T>(deps: Pick<Deps, "db">, key: string, tag: string, build: () => Promise<T>): Promise<JsonOf<T>> {
  const cache = cacheOf(deps);
  const hit = cache.get(key, tag);
  if (hit !== null) return hit as JsonOf<T>;
  const json = JSON.stringify(await build());
  cache.set(key, tag, json);
  return json as JsonOf<T>;
}

/** A 200 answer from JSON text already serialised: the same response `c.json(value, 200)` would write. */
export function jsonTextResponse<T>(c: Context, json: JsonOf<T>): TypedResponse<T, 200, "json"> {
  return c.body(json, 200, { "content-type": "application/json" }) as unknown as TypedResponse<T, 200, "json">;
}
