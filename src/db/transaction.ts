import type { Db, DbOrTx, Tx } from "./client.js";

/**
 * Runs `fn` in a transaction, reusing the caller's when there is one. Only DB statements belong inside:
 * awaiting other work in a postgres.js transaction risks leaked autocommit writes (docs/architecture.md, Reliability).
 */
export async function withTransaction<T>(dbOrTx: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (isTx(dbOrTx)) return fn(dbOrTx);
  return (dbOrTx as Db).transaction(fn);
}

function isTx(dbOrTx: DbOrTx): dbOrTx is Tx {
  return "rollback" in dbOrTx;
}
