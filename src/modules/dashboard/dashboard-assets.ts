import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

// The dashboard's built files (web/dist, made by `vite build`: `npm start` builds it when stale), read once into
// memory: the whole UI is a few hundred kB, so every request is answered from RAM, pre-compressed.

/** Where `vite build` writes the UI, relative to this file: src/modules/dashboard → web/dist. */
export const DASHBOARD_DIST = fileURLToPath(new URL("../../../web/dist/", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".json": "application/json",
};

/** Text files smaller than this are sent as they are: gzip would not save a round trip. */
const GZIP_MIN_BYTES = 1024;

export interface Asset {
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer> | null;
  type: string;
  etag: string;
}

/** URL path ("/assets/index-abc.js", "/index.html") → the file. Empty when the UI was not built. */
export type AssetMap = ReadonlyMap<string, Asset>;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : entry.isFile() ? [path] : [];
  });
}

export function loadAssets(dir: string = DASHBOARD_DIST): AssetMap {
  const assets = new Map<string, Asset>();
  if (!existsSync(join(dir, "index.html"))) return assets;
  for (const file of walk(dir)) {
    const type = TYPES[extname(file)];
    if (type === undefined) continue;
    const body = new Uint8Array(readFileSync(file));
    const compressible = type.startsWith("text/") || type === "image/svg+xml" || type === "application/json";
    const gzip = compressible && body.byteLength >= GZIP_MIN_BYTES ? new Uint8Array(gzipSync(body, { level: 9 })) : null;
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
    assets.set(`/${relative(dir, file).split(sep).join("/")}`, { body, gzip, type, etag });
  }
  return assets;
}
