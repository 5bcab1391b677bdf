import type { ZodError } from "zod";
import type { FieldError } from "./errors.js";

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
