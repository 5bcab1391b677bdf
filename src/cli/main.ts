import { parseArgs } from "node:util";
import { apiDocument } from "../app.js";
import { loadEnv } from "../config/env.js";
import { prepareDatabase } from "../db/migrate.js";
import { checkConnections, closeDeps, createDeps } from "../deps.js";
import { AppError } from "../lib/errors.js";
import { createLogger } from "../lib/logger.js";
import { CreateUserSchema, createUserWithKey } from "../modules/accounts/index.js";
import { exitOnStartupError } from "../startup-errors.js";

const USAGE = `usage: npm run cli -- user create --email <address> [--time-zone <IANA zone>]
       npm run -s cli -- openapi            (prints the OpenAPI document; needs no database)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function userCreate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: "string" }, "time-zone": { type: "string" } },
    strict: true,
  });
  const parsed = CreateUserSchema.safeParse({
    email: values.email,
    ...(values["time-zone"] ? { time_zone: values["time-zone"] } : {}),
  });
  if (!parsed.success) fail(`invalid input: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);

  const env = loadEnv();
  await prepareDatabase(env.DATABASE_URL);
  const deps = createDeps(env, { logger: createLogger("silent"), applicationName: "wearsync-cli" });
  try {
    await checkConnections(deps);
    const { user, apiKey } = await createUserWithKey(deps, parsed.data);
    process.stdout.write(`created user ${user.id} (${user.email})\napi key (shown once, store it now): ${apiKey}\n`);
  } finally {
    await closeDeps(deps);
  }
}

const [resource, verb, ...rest] = process.argv.slice(2);
try {
  if (resource === "user" && verb === "create") await userCreate(rest);
  else if (resource === "openapi" && verb === undefined) process.stdout.write(`${JSON.stringify(apiDocument(), null, 2)}\n`);
  else fail(USAGE);
} catch (err) {
  if (err instanceof AppError) fail(`wearsync: ${err.detail}`);
  if (err instanceof TypeError && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS")) fail(`${err.message}\n${USAGE}`);
  exitOnStartupError(err);
}
