import type { Deps } from "../../deps.js";

export type CheckStatus = "ok" | "unreachable";

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

async function probe(fn: () => Promise<unknown>): Promise<CheckStatus> {
  try {
    await withTimeout(fn(), CHECK_TIMEOUT_MS);
    return "ok";
  } catch {
    return "unreachable";
  }
}

/** Postgres and Redis reachability, probed in parallel, each bounded so /readyz never hangs. */
export async function readiness(deps: Deps): Promise<{ postgres: CheckStatus; redis: CheckStatus }> {
  const [postgres, redis] = await Promise.all([
    probe(() => deps.sql`select 1`.execute()),
    probe(async () => {
      return deps.redis.ping();
    }),
  ]);
  return { postgres, redis };
}
