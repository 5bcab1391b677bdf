import type { Queue } from "bullmq";

// Per-user "work still on its way" markers, so answering `pending` never scans a queue shared by every user:
// a sorted set per user and kind, member = the unit of work (a date, a week, a workout), score = when it was
// last requested. A finished job removes its member only if nobody asked again after it started.

export type PendingKind = "recompute" | "projection" | "hiit";

export interface PendingMarker {
  kind: PendingKind;
  userId: string;
  member: string;
}

/** A marker whose job was lost expires rather than pinning `pending` to true forever. */
const PENDING_TTL_MS = 6 * 3_600_000;

const CLEAR_IF_NOT_NEWER = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) <= tonumber(ARGV[2]) then redis.call('ZREM', KEYS[1], ARGV[1]) end
return 1
`;

export function pendingKey(prefix: string, kind: PendingKind, userId: string): string {
  return `${prefix}:pending:${kind}:${userId}`;
}

export interface RedisLike {
  zadd(key: string, ...scoreMembers: (string | number)[]): Promise<unknown>;
  pexpire(key: string, ms: number): Promise<unknown>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  zcard(key: string): Promise<number>;
}

// The producer connection and key prefix each queue was created with (createQueues registers them), so the
// enqueue helpers, which receive queues, can mark work without another argument.
const storeByQueue = new WeakMap<Queue, { redis: RedisLike; prefix: string }>();

export function registerPendingStore(queue: Queue, redis: RedisLike, prefix: string): void {
  storeByQueue.set(queue, { redis, prefix });
}

async function clientOf(queue: Queue): Promise<{ redis: RedisLike; prefix: string }> {
  const store = storeByQueue.get(queue);
  if (!store) throw new Error("queue was not created by createQueues");
  return store;
}

/** Marks work as requested now (call it right before the jobs are added). */
export async function markPending(queue: Queue, kind: PendingKind, userId: string, members: readonly string[]): Promise<void> {
  if (members.length === 0) return;
  const { redis, prefix } = await clientOf(queue);
  const key = pendingKey(prefix, kind, userId);
  const nowMs = Date.now();
  await redis.zadd(key, ...members.flatMap((member) => [nowMs, member]));
  await redis.pexpire(key, PENDING_TTL_MS);
}

/** Clears a marker once its job finished, unless the same work was requested again after `startedMs`. */
export async function clearPending(queue: Queue, marker: PendingMarker, startedMs: number): Promise<void> {
  const { redis, prefix } = await clientOf(queue);
  await redis.eval(CLEAR_IF_NOT_NEWER, 1, pendingKey(prefix, marker.kind, marker.userId), marker.member, startedMs);
}

export async function isPending(queue: Queue, kinds: readonly PendingKind[], userId: string): Promise<boolean> {
  const { redis, prefix } = await clientOf(queue);
  const counts = await Promise.all(kinds.map((kind) => redis.zcard(pendingKey(prefix, kind, userId))));
  return counts.some((n) => n > 0);
}

/** Marks the work behind these payloads of one job type, grouped per user (a no-op for jobs without a marker). */
export async function markPendingFor(queue: Queue, markers: readonly PendingMarker[]): Promise<void> {
  const groups = new Map<string, { kind: PendingKind; userId: string; members: string[] }>();
  for (const m of markers) {
    const key = `${m.kind}\u0000${m.userId}`;
    const group = groups.get(key) ?? { kind: m.kind, userId: m.userId, members: [] };
    group.members.push(m.member);
    groups.set(key, group);
  }
  for (const g of groups.values()) await markPending(queue, g.kind, g.userId, g.members);
}
