import { EnvError } from "./config/env.js";
import { DependencyUnavailableError } from "./db/connection-check.js";

/** Start-up failures end in one readable line on stderr and exit code 1, never a stack trace. */
export function exitOnStartupError(err: unknown): never {
  if (err instanceof EnvError) {
    process.stderr.write(`wearsync: invalid configuration (see .env.example): ${err.issues.join("; ")}\n`);
  } else if (err instanceof DependencyUnavailableError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
    process.stderr.write(`wearsync: failed to start: ${message}\n`);
  }
  process.exit(1);
}
