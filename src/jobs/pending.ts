// Per-user "work still on its way" markers, so answering `pending` never scans a queue shared by every user: a
// sorted set per user and kind, member = the unit of work (a date, a week, a workout), score = the version of the
// latest request for it. A job notes the version when it starts and, once done, removes the member only if no
// request came after that (the version moved). No clock is read: versions come from one Redis counter.

export type PendingKind = "recompute" | "projection" | "hiit";

/** Which kinds were found pending by a read made along another round trip (a kind not read is absent). */
export type PendingRead = Partial<Record<PendingKind, boolean>>;

export interface PendingMarker {
  kind: PendingKind;
  userId: string;
  member: string;
}

/** What a job saw of its marker when it started: the version then (null when there was none). */
export type PendingToken = string | null;

/** A marker whose job was lost expires rather than pinning `pending` to true forever. */
const PENDING_TTL_MS = 6 * 3_600_000;

// KEYS: the user's set, the version counter. ARGV: ttl, members…. The counter lives at least as long as every set
// (each mark extends both), so it can only restart once no marker is left to compare with.
const MARK = `
local version = redis.call('INCR', KEYS[2])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], version, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return version
`;

// KEYS: the user's set. ARGV: member, the version seen at start ("" when there was none).
const CLEAR_IF_UNCHANGED = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and score == ARGV[2] then redis.call('ZREM', KEYS[1], ARGV[1]) end
return 1
`;

export interface PendingRedis {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  zscore(key: string, member: string): Promise<string | null>;
  zcard(key: string): Promise<number>;
}

/** The markers of one process, on the producer Redis connection under the queue prefix; passed in Deps. */
export class PendingStore {
  constructor(
    private readonly redis: PendingRedis,
    private readonly prefix: string,
  ) {}

  key(kind: PendingKind, userId: string): string {
    return `${this.prefix}:pending:${kind}:${userId}`;
  }

  /** Marks work as requested now (call it right before its jobs are added), one script call per user and kind. */
  async mark(markers: readonly PendingMarker[]): Promise<void> {
    const groups = new Map<string, string[]>();
    for (const m of markers) {
      const key = this.key(m.kind, m.userId);
      const members = groups.get(key);
      if (members) members.push(m.member);
      else groups.set(key, [m.member]);
    }
    for (const [key, members] of groups) {
      await this.redis.eval(MARK, 2, key, `${this.prefix}:pending:version`, PENDING_TTL_MS, ...members);
    }
  }

  /** Called when a job starts, before it reads anything. */
  async begin(marker: PendingMarker): Promise<PendingToken> {
    return this.redis.zscore(this.key(marker.kind, marker.userId), marker.member);
  }

  /** Called when the job finished: clears its marker unless the same work was requested again since `begin`. */
  async finish(marker: PendingMarker, token: PendingToken): Promise<void> {
    await this.redis.eval(CLEAR_IF_UNCHANGED, 1, this.key(marker.kind, marker.userId), marker.member, token ?? "");
  }

  /**
   * The keys whose existence tells whether these kinds are pending for the user (Redis deletes a sorted set with its
   * last member), for a caller that reads them along another round trip; `readAlong` turns the answers into a
   * PendingRead.
   */
  keysOf(kinds: readonly PendingKind[], userId: string): string[] {
    return kinds.map((kind) => this.key(kind, userId));
  }

  readAlong(kinds: readonly PendingKind[], exists: readonly boolean[]): PendingRead {
    return Object.fromEntries(kinds.map((kind, i) => [kind, exists[i] === true]));
  }

  /**
   * Whether work of these kinds is on its way for the user. Reads fail open: with Redis unreachable the answer is
   * false (the markers cannot be read, and no such job can run meanwhile), so a read route still answers.
   */
  async isPending(kinds: readonly PendingKind[], userId: string): Promise<boolean> {
    try {
      const counts = await Promise.all(kinds.map((kind) => this.redis.zcard(this.key(kind, userId))));
      return counts.some((n) => n > 0);
    } catch {
      return false;
    }
  }
}
