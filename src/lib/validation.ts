import type { ZodError } from "zod";
import type { FieldError } from "./errors.js";

/** The largest Postgres `integer` (int4): a numeric id above it can name no row and must not reach a query. */
export const INT4_MAX = 2_147_483_647;

/** A zod failure as per-field errors (the `errors[]` of a 400), naming unknown fields explicitly. */
export function fieldErrorsFromZod(error: ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return { path: path || "(body)", message: `unknown field(s): ${issue.keys.join(", ")}` };
    }
    return { path: path || "(body)", message: issue.message };
  });
}

/** C0 controls (NUL first of all: Postgres text cannot hold it), DEL and C1 controls. */
export function isControlCode(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

/** Whether `text` holds any control character: such text is refused at the edge (path, query, file name). */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isControlCode(text.charCodeAt(i))) return true;
  return false;
}
