import { loadEnv } from "../config/env.js";
import { exitOnStartupError } from "../startup-errors.js";
import { prepareDatabase } from "./migrate.js";

try {
  const env = loadEnv();
  await prepareDatabase(env.DATABASE_URL);
  process.stdout.write("migrations applied\n");
} catch (err) {
  exitOnStartupError(err);
}
