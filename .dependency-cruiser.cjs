// The layering rules of docs/architecture.md, checked on every import (type-only ones included). `npm run lint`
// runs this and fails on any finding.

const DATA_AND_QUEUE_PACKAGES = "^node_modules/(drizzle-orm|postgres|bullmq|ioredis)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular-modules",
      comment: "No file imports itself through others.",
      severity: "error",
      from: { path: "^(src|workers)/" },
      to: { circular: true },
    },
    {
      name: "only-the-process-entry-starts-workers",
      comment: "workers/ builds on src; inside src only src/process (the composition root) may start the worker pool.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/process/" },
      to: { path: "^workers/" },
    },
    {
      name: "domain-is-pure",
      comment: "src/domain holds the science and rules: it imports only src/lib and itself (no packages, no I/O, no framework).",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { pathNot: "^src/(domain|lib)/" },
    },
    {
      name: "domain-takes-no-logger",
      comment: "Domain functions return values; they do not log.",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { path: "^src/lib/logger\\.ts$" },
    },
    {
      name: "lib-is-the-base",
      comment: "src/lib holds framework-free helpers every layer may use; it imports nothing else of src.",
      severity: "error",
      from: { path: "^src/lib/" },
      to: { path: "^src/", pathNot: "^src/lib/" },
    },
    {
      name: "formats-are-pure-parsers",
      comment: "Parsers stream bytes to events: no database, queue, HTTP or feature module.",
      severity: "error",
      from: { path: "^src/formats/" },
      to: {
        path: ["^src/(db|jobs|http|modules|config|cli)/", "^workers/", "^src/[^/]+\\.ts$", DATA_AND_QUEUE_PACKAGES, "^node_modules/(hono|@hono)/"],
      },
    },
    {
      name: "infrastructure-below-modules",
      comment: "db, jobs, http and config serve the modules; they never import one (nor the workers).",
      severity: "error",
      from: { path: "^src/(db|jobs|http|config)/" },
      to: { path: ["^src/modules/", "^workers/"] },
    },
    {
      name: "db-schema-takes-types-only-from-domain",
      comment: "The schema stores the domain's shapes; it never runs domain code.",
      severity: "error",
      from: { path: "^src/db/" },
      to: { path: "^src/domain/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "routes-and-handlers-stay-thin",
      comment: "Routes and handlers validate and call one service: no database, queue or repo in them.",
      severity: "error",
      from: { path: "\\.(routes|handlers)\\.ts$" },
      to: { path: ["^src/(db|jobs)/", "\\.repo\\.ts$", DATA_AND_QUEUE_PACKAGES] },
    },
    {
      name: "modules-meet-through-their-index",
      comment: "Another module is used through its index.ts only (never its repo or a deep file).",
      severity: "error",
      from: { path: "^src/modules/([^/]+)/" },
      to: { path: "^src/modules/[^/]+/", pathNot: ["^src/modules/$1/", "^src/modules/[^/]+/index\\.ts$"] },
    },
    {
      name: "outside-code-uses-module-indexes",
      comment: "The app, the workers and the CLI use a module through its index.ts only.",
      severity: "error",
      from: { path: ["^src/", "^workers/"], pathNot: "^src/modules/" },
      to: { path: "^src/modules/[^/]+/", pathNot: "^src/modules/[^/]+/index\\.ts$" },
    },
    {
      name: "product-never-imports-tests",
      comment: "Test helpers and benchmarks stay out of the product.",
      severity: "error",
      from: { path: "^(src|workers)/" },
      to: { path: "^(tests|bench)/" },
    },
    {
      name: "no-unresolvable",
      comment: "Every import resolves to a file or an installed package.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
