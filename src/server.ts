import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { buildApp } from "./app.js";
import type { Deps } from "./deps.js";

export interface ApiServer {
  port: number;
  /** Stops accepting connections and resolves once in-flight requests have been answered. */
  close(): Promise<void>;
}

export function startApi(deps: Deps, opts: { port: number; host: string }): Promise<ApiServer> {
  const app = buildApp(deps);
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve(
        {
          fetch: app.fetch,
          port: opts.port,
          hostname: opts.host,
          // Node's 300 s default would cut off a multi-GB upload on an ordinary link.
          serverOptions: { requestTimeout: deps.env.UPLOAD_REQUEST_TIMEOUT_MS, headersTimeout: 60_000 },
        },
        (info: AddressInfo) => resolve({ port: info.port, close: () => closeServer(server) }),
      );
      server.once("error", reject);
    } catch (err) {
      reject(err);
    }
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive sockets would otherwise hold close() open until they time out.
    if ("closeIdleConnections" in server) server.closeIdleConnections();
  });
}
