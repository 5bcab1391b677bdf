// Applied after every `npm ci` / `npm install` (package.json "postinstall"); idempotent.
//
// postgres.js 3.4.x schedules small writes with setImmediate. When a connection's server goes away while the
// connection is pinned (a transaction: the driver then sends ROLLBACK on it; sql.reserve()), the write runs after
// the socket was dropped and throws from the immediate callback: an uncaught TypeError ("Cannot read properties of
// null (reading 'write')") that no caller can catch, so one Postgres restart stops the whole service. The teardown
// paths also leave the write timer set, so a connection that survives it never flushes a small write again.
// The defect is known to the driver's authors and still unfixed in 3.4.10. This makes the write fail the pending
// queries with CONNECTION_CLOSED instead, and resets the timer on teardown. Remove it once a release carries the
// fix; the check below fails the install when the driver's code no longer matches.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const MARK = "/* wearsync: closed-socket guard */";
// The CommonJS entry is cjs/src/index.js: the package root is two folders up.
const root = join(dirname(createRequire(import.meta.url).resolve("postgres")), "..", "..");

const edits = [
  {
    from: "  function nextWrite(fn) {\n",
    to: `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n`,
  },
  {
    from: "    clearImmediate(nextWriteTimer)\n    if (socket) {\n",
    to: "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {\n",
  },
  {
    from: "    clearImmediate(nextWriteTimer)\n    socket.removeListener",
    to: "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener",
  },
];

for (const file of ["src/connection.js", "cjs/src/connection.js"]) {
  const path = join(root, file);
  let text = readFileSync(path, "utf8");
  if (text.includes(MARK)) continue;
  for (const { from, to } of edits) {
    if (text.split(from).length !== 2) {
      throw new Error(`postgres driver patch: ${file} does not match the expected code; review patches/postgres-closed-socket.mjs`);
    }
    text = text.replace(from, to);
  }
  writeFileSync(path, text);
}
