import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { clearIntakeDayStatus, declareIntakeDayStatus, getIntakeDayStatus } from "./day-status.service.js";
import { presentIntakeDay, presentIntakeEntry } from "./intake.presenters.js";
import {
  createIntakeRoute,
  deleteIntakeRoute,
  deleteIntakeStatusRoute,
  getIntakeRoute,
  getIntakeStatusRoute,
  listIntakeRoute,
  patchIntakeRoute,
  putIntakeStatusRoute,
} from "./intake.routes.js";
import { deleteIntakeEntry, getIntakeEntry, listIntake, logIntake, updateIntakeEntry } from "./intake.service.js";

export const createIntake: AppRouteHandler<typeof createIntakeRoute> = async (c) => {
  const logged = await logIntake(c.var.deps, c.var.userId, c.req.valid("json"));
  if (logged.kind === "single") return c.json(presentIntakeEntry(logged.row), 201);
  return c.json({ entries: logged.rows.map(presentIntakeEntry) }, 201);
};

export const listIntakeEntries: AppRouteHandler<typeof listIntakeRoute> = async (c) => {
  const page = await listIntake(c.var.deps, c.var.userId, c.req.valid("query"));
  return c.json({ entries: page.items.map(presentIntakeEntry), next_cursor: page.nextCursor }, 200);
};

export const getIntake: AppRouteHandler<typeof getIntakeRoute> = async (c) => {
  const row = await getIntakeEntry(c.var.deps, c.var.userId, c.req.valid("param").id);
  return c.json(presentIntakeEntry(row), 200);
};

export const patchIntake: AppRouteHandler<typeof patchIntakeRoute> = async (c) => {
  const row = await updateIntakeEntry(c.var.deps, c.var.userId, c.req.valid("param").id, c.req.valid("json"));
  return c.json(presentIntakeEntry(row), 200);
};

export const deleteIntake: AppRouteHandler<typeof deleteIntakeRoute> = async (c) => {
  await deleteIntakeEntry(c.var.deps, c.var.userId, c.req.valid("param").id);
  return c.body(null, 204);
};

export const getIntakeStatus: AppRouteHandler<typeof getIntakeStatusRoute> = async (c) => {
  const day = await getIntakeDayStatus(c.var.deps, c.var.userId, c.req.valid("param").date);
  return c.json(presentIntakeDay(day), 200);
};

export const putIntakeStatus: AppRouteHandler<typeof putIntakeStatusRoute> = async (c) => {
  const { date } = c.req.valid("param");
  const day = await declareIntakeDayStatus(c.var.deps, c.var.userId, date, c.req.valid("json").status);
  return c.json(presentIntakeDay(day), 200);
};

export const deleteIntakeStatus: AppRouteHandler<typeof deleteIntakeStatusRoute> = async (c) => {
  await clearIntakeDayStatus(c.var.deps, c.var.userId, c.req.valid("param").date);
  return c.body(null, 204);
};

export function intakeRouter() {
  return createRouter()
    .openapi(createIntakeRoute, createIntake)
    .openapi(listIntakeRoute, listIntakeEntries)
    .openapi(getIntakeRoute, getIntake)
    .openapi(patchIntakeRoute, patchIntake)
    .openapi(deleteIntakeRoute, deleteIntake)
    .openapi(getIntakeStatusRoute, getIntakeStatus)
    .openapi(putIntakeStatusRoute, putIntakeStatus)
    .openapi(deleteIntakeStatusRoute, deleteIntakeStatus);
}
