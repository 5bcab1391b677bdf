import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type AppError, type FieldError, ValidationError } from "../lib/errors.js";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** RFC 9457 problem details, plus `code` (stable, machine-readable) and `requestId` for support. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId: string;
  errors?: FieldError[];
}

const TYPE_BASE = "https://wearsync.dev/problems/";

export function problemFromAppError(err: AppError, instance: string, requestId: string): Problem {
  const problem: Problem = {
    type: `${TYPE_BASE}${err.code.toLowerCase().replaceAll("_", "-")}`,
    title: err.title,
    status: err.status,
    detail: err.detail,
    instance,
    code: err.code,
    requestId,
  };
  if (err instanceof ValidationError) problem.errors = err.errors;
  return problem;
}

/** Hono's own HTTP exceptions (malformed JSON, bad headers) are client errors with safe, fixed messages. */
export function problemFromHttpException(err: HTTPException, instance: string, requestId: string): Problem {
  const status = err.status;
  const clientError = status >= 400 && status < 500;
  return {
    type: `${TYPE_BASE}${clientError ? "bad-request" : "internal"}`,
    title: clientError ? "Bad request" : "Internal server error",
    status,
    detail: clientError ? err.message || "The request could not be read." : "An unexpected error occurred.",
    instance,
    code: clientError ? "BAD_REQUEST" : "INTERNAL",
    requestId,
  };
}

export function internalProblem(instance: string, requestId: string): Problem {
  return {
    type: `${TYPE_BASE}internal`,
    title: "Internal server error",
    status: 500,
    // Never the error's message: it can carry SQL, paths or health values.
    detail: "An unexpected error occurred. Quote the requestId if you report it.",
    instance,
    code: "INTERNAL",
    requestId,
  };
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status as ContentfulStatusCode,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, ...headers },
  });
}

export function isHttpException(err: unknown): err is HTTPException {
  return err instanceof HTTPException;
}
