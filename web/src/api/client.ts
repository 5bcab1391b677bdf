import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

// The typed client: every path, query and body comes from the service's own OpenAPI document (schema.d.ts, generated
// by `npm run gen:api`). The API key lives in sessionStorage only, so closing the browser session forgets it.

export type Schemas = components["schemas"];

const KEY_STORAGE = "wearsync.apiKey";

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key);
}

const PROFILE_STORAGE = "wearsync.profile";

export function forgetKey(): void {
  sessionStorage.removeItem(KEY_STORAGE);
  sessionStorage.removeItem(PROFILE_STORAGE);
}

/**
 * The profile last read with this key, kept beside it for the session: a reload draws the first screen without
 * waiting for GET /v1/me (which still runs, and a refused key still signs out).
 */
export function storedProfile(): Schemas["User"] | null {
  const text = sessionStorage.getItem(PROFILE_STORAGE);
  if (text === null) return null;
  try {
    return JSON.parse(text) as Schemas["User"];
  } catch {
    return null;
  }
}

export function storeProfile(user: Schemas["User"]): void {
  sessionStorage.setItem(PROFILE_STORAGE, JSON.stringify(user));
}

/** Thrown for any non-2xx answer, with the problem+json detail the API sends. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let onUnauthorized: () => void = () => undefined;

/** Called when the API refuses the stored key (revoked, or another server): the app signs out. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

const auth: Middleware = {
  onRequest({ request }) {
    const key = storedKey();
    if (key) request.headers.set("authorization", `Bearer ${key}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) onUnauthorized();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

interface Reply<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function problemText(error: unknown, status: number): string {
  if (error && typeof error === "object") {
    const p = error as { detail?: unknown; title?: unknown; errors?: { path: string; message: string }[] };
    const fields = p.errors?.map((e) => `${e.path}: ${e.message}`).join("; ");
    const detail = typeof p.detail === "string" ? p.detail : typeof p.title === "string" ? p.title : "";
    if (detail || fields) return [detail, fields].filter(Boolean).join(" ");
  }
  return `The server answered ${status}.`;
}

/** Unwraps an openapi-fetch answer: the data (none for a 204), or an ApiError carrying the problem's readable detail. */
export async function unwrap<T>(pending: Promise<Reply<T>>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok || (data === undefined && response.status !== 204)) throw new ApiError(response.status, problemText(error, response.status));
  // A 204 has no body; its route's type says so (the data type is then never read).
  return data as T;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * POST /v1/imports as a raw body with XMLHttpRequest, whose upload events report real bytes sent (fetch has no
 * upload progress). Resolves with the import the API queued (202) or found (200, the same bytes uploaded before).
 */
export function uploadExport(file: File, onProgress: (p: UploadProgress) => void): Promise<Schemas["Import"]> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/v1/imports?filename=${encodeURIComponent(file.name.slice(0, 255))}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    const key = storedKey();
    if (key) xhr.setRequestHeader("authorization", `Bearer ${key}`);
    xhr.responseType = "json";
    xhr.upload.addEventListener("progress", (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size }));
    xhr.addEventListener("load", () => {
      if (xhr.status === 401) onUnauthorized();
      if (xhr.status === 200 || xhr.status === 202) resolve(xhr.response as Schemas["Import"]);
      else reject(new ApiError(xhr.status, problemText(xhr.response, xhr.status)));
    });
    xhr.addEventListener("error", () => reject(new ApiError(0, "The upload was interrupted: check the connection and try again.")));
    xhr.send(file);
  });
}
