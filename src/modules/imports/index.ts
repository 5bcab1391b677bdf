// Uploaded exports: stored content-addressed, imported by a job through their format's parser, deletable.
export { runImportDeletion } from "./import-removal.service.js";
export { failImportOutOfRetries, runImport } from "./import-runner.service.js";
export { importsRouter } from "./imports.handlers.js";
export { reconcileImports, sweepExpiredImportFiles } from "./imports.service.js";
export { removeUploadsOf } from "./upload-store.js";
