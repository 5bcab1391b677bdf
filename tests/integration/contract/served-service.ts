import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { freePort, spawnService, waitFor } from "../../helpers/process.js";
import { testEnvVars } from "../../helpers/test-env.js";

/** The real service (`src/process/main.ts all`: API and workers) as its own process on a free port. */
export interface ServedService {
  baseUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
  output(): string;
}

export async function startServedService(overrides: Record<string, string> = {}): Promise<ServedService> {
  const port = await freePort();
  const service = spawnService(
    ["src/process/main.ts", "all"],
    testEnvVars({ PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", ...overrides }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(async () => ((await fetch(`${baseUrl}/readyz`)).status === 200 ? true : undefined), 30_000, `the service on ${baseUrl}`);
  return {
    baseUrl,
    child: service.child,
    output: () => service.stdout() + service.stderr(),
    stop: async () => {
      service.child.kill("SIGTERM");
      await service.exited;
    },
  };
}

export function fixtureBytes(relativePath: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/${relativePath}`, import.meta.url)));
}
