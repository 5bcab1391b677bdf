import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { BadRequestError } from "../../lib/errors.js";
import type { AppRouteHandler } from "../../lib/http.js";
import { presentImport } from "./imports.presenters.js";
import type { deleteImportRoute, getImportRoute, listImportsRoute, retryImportRoute, uploadImportRoute } from "./imports.routes.js";
import { createImport, deleteImport, getImport, listUserImports, retryImport } from "./imports.service.js";
import { multipartFile } from "./multipart.js";

export const uploadImport: AppRouteHandler<typeof uploadImportRoute> = async (c) => {
  const query = c.req.valid("query");
  const raw = c.req.raw;
  if (!raw.body) throw new BadRequestError("Send the export file as the request body.", "EMPTY_BODY");
  const isMultipart = (raw.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  const upload = isMultipart
    ? await multipartFile(raw.headers, raw.body)
    : { stream: Readable.fromWeb(raw.body as NodeReadableStream<Uint8Array>), filename: null };
  const { row, queued } = await createImport(c.var.deps, c.var.userId, upload.stream, {
    filename: query.filename ?? upload.filename,
    ...(query.format ? { format: query.format } : {}),
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
