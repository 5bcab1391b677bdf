import { Readable } from "node:stream";
import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { presentUser } from "../accounts/index.js";
import { eraseAccount } from "./erasure.service.js";
import { exportArchive } from "./export.service.js";
import { deleteMeRoute, exportRoute, getMeRoute, patchMeRoute } from "./profile.routes.js";
import { getProfile, updateProfile } from "./profile.service.js";

export const getMe: AppRouteHandler<typeof getMeRoute> = async (c) => {
  return c.json(presentUser(await getProfile(c.var.deps, c.var.userId)), 200);
};

export const patchMe: AppRouteHandler<typeof patchMeRoute> = async (c) => {
  return c.json(presentUser(await updateProfile(c.var.deps, c.var.userId, c.req.valid("json"))), 200);
};

export const deleteMe: AppRouteHandler<typeof deleteMeRoute> = async (c) => {
  return c.json(await eraseAccount(c.var.deps, c.var.userId, c.req.valid("json").confirm), 200);
};

export const exportData: AppRouteHandler<typeof exportRoute> = async (c) => {
  const archive = await exportArchive(c.var.deps, c.var.userId);
  const body = Readable.toWeb(Readable.from(archive.bytes)) as ReadableStream<Uint8Array>;
  return c.body(body, 200, { "Content-Type": "application/zip", "Content-Disposition": `attachment; filename="${archive.filename}"` });
};

export function profileRouter() {
  return createRouter().openapi(getMeRoute, getMe).openapi(patchMeRoute, patchMe).openapi(deleteMeRoute, deleteMe).openapi(exportRoute, exportData);
}
