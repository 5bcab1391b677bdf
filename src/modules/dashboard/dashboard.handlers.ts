import type { Context } from "hono";
import type { AppEnv } from "../../http/router.js";
import { createRouter } from "../../http/router.js";
import { NotFoundError } from "../../lib/errors.js";
import { type Asset, type AssetMap, loadAssets } from "./dashboard-assets.js";

/**
 * The page's policy: code, styles, images and API calls from this origin only, nothing inline, never framed.
 * uPlot sizes its canvas through element.style (CSSOM), which style-src does not restrict.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Hashed file names change with their content, so a browser may keep them for a year without asking again. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** index.html names the current hashed files, so the browser must check it on every visit (an ETag makes that cheap). */
const REVALIDATE = "no-cache";

function send(c: Context<AppEnv>, asset: Asset, cacheControl: string): Response {
  const headers = new Headers({
    "Content-Type": asset.type,
    "Cache-Control": cacheControl,
    ETag: asset.etag,
    Vary: "Accept-Encoding",
    "Content-Security-Policy": DASHBOARD_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  });
  if (c.req.header("if-none-match") === asset.etag) return new Response(null, { status: 304, headers });
  const gzip = asset.gzip !== null && /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");
  if (gzip) headers.set("Content-Encoding", "gzip");
  const body = gzip && asset.gzip ? asset.gzip : asset.body;
  headers.set("Content-Length", String(body.byteLength));
  return new Response(c.req.method === "HEAD" ? null : body, { status: 200, headers });
}

const NOT_BUILT =
  "The dashboard has not been built. `npm start` builds it; or run `npm run build:web` and restart the service.\n" +
  "The API itself is running: see /docs.\n";

/** `/` serves the dashboard; `/assets/*` its hashed files. Built files are read once, when the app is built. */
export function dashboardRouter(assets: AssetMap = loadAssets()) {
  const router = createRouter();
  router.get("/", (c) => {
    const index = assets.get("/index.html");
    if (!index) return c.text(NOT_BUILT, 503, { "Cache-Control": "no-store" });
    return send(c, index, REVALIDATE);
  });
  router.get("/assets/*", (c) => {
    const asset = assets.get(c.req.path);
    if (!asset) throw new NotFoundError("file");
    return send(c, asset, IMMUTABLE);
  });
  return router;
}
