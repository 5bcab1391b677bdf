import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { presentImport } from "./imports.presenters.js";
import { deleteImportRoute, getImportRoute, listImportsRoute, retryImportRoute, uploadImportRoute } from "./imports.routes.js";
import { createImport, deleteImport, getImport, listUserImports, retryImport } from "./imports.service.js";
import { uploadedFile } from "./upload-body.js";

export const uploadImport: AppRouteHandler<typeof uploadImportRoute> = async (c) => {
  const query = c.req.valid("query");
  const { row, queued } = await createImport(c.var.deps, c.var.userId, () => uploadedFile(c.req.raw), {
    ...(query.filename !== undefined ? { filename: query.filename } : {}),
    ...(query.format ? { format: query.format } : {}),
    ...(query.weight_unit ? { weightUnit: query.weight_unit } : {}),
  });
  if (!queued) return c.json(presentImport(row), 200);
  c.header("Location", `/v1/imports/${row.id}`);
  return c.json(presentImport(row), 202);
};

export const getImportHandler: AppRouteHandler<typeof getImportRoute> = async (c) => {
  const row = await getImport(c.var.deps, c.var.userId, c.req.valid("param").id);
  return c.json(presentImport(row), 200);
};

export const listImportsHandler: AppRouteHandler<typeof listImportsRoute> = async (c) => {
  const page = await listUserImports(c.var.deps, c.var.userId, c.req.valid("query"));
  return c.json({ imports: page.items.map(presentImport), next_cursor: page.nextCursor }, 200);
};

export const retryImportHandler: AppRouteHandler<typeof retryImportRoute> = async (c) => {
  const row = await retryImport(c.var.deps, c.var.userId, c.req.valid("param").id);
  c.header("Location", `/v1/imports/${row.id}`);
  return c.json(presentImport(row), 202);
};

export const deleteImportHandler: AppRouteHandler<typeof deleteImportRoute> = async (c) => {
  await deleteImport(c.var.deps, c.var.userId, c.req.valid("param").id);
  return c.body(null, 204);
};

export function importsRouter() {
  return createRouter()
    .openapi(uploadImportRoute, uploadImport)
    .openapi(getImportRoute, getImportHandler)
    .openapi(listImportsRoute, listImportsHandler)
    .openapi(retryImportRoute, retryImportHandler)
    .openapi(deleteImportRoute, deleteImportHandler);
}
