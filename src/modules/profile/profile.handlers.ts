import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { presentUser } from "../accounts/index.js";
import { eraseAccount } from "./erasure.service.js";
import { deleteMeRoute, getMeRoute, patchMeRoute } from "./profile.routes.js";
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

export function profileRouter() {
  return createRouter().openapi(getMeRoute, getMe).openapi(patchMeRoute, patchMe).openapi(deleteMeRoute, deleteMe);
}
