import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The dashboard: Preact through esbuild's automatic JSX runtime (no framework plugin), built into web/dist, which the
// API process serves at `/`. Everything ships in the bundle: no CDN, no request to any other host.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  publicDir: false,
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  // `npx vite --config web/vite.config.ts`: a dev server with reload, forwarding the API to `npm run dev` on 3000.
  server: { proxy: { "/v1": "http://127.0.0.1:3000" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    assetsDir: "assets",
    // The page's CSP (script-src 'self') forbids inline scripts, and a data: URL would need its own source.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
  },
});
