import type { MiddlewareHandler } from "hono";
import { BadRequestError } from "../../lib/errors.js";
import { hasControlCharacter, isControlCode } from "../../lib/validation.js";
import type { AppEnv } from "../router.js";

// Checks every request once at the edge, before any route sees it, so no handler, query or log line has to cope
// with hostile text: control characters (NUL first of all: Postgres text cannot hold it) and JSON nested so deep
// that recursive code (zod, JSON.stringify) would overflow the stack.

/** Deeper than any body this API takes (a Health Auto Export push nests 5 levels), far below a stack overflow. */
export const MAX_JSON_DEPTH = 32;

/** Tab, line feed and carriage return are allowed inside JSON strings (a note may have lines); no other control. */
function isForbiddenInBody(code: number): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0d) return false;
  return isControlCode(code);
}

function controlCharacterError(where: string): BadRequestError {
  return new BadRequestError(`The ${where} contains a control character (such as NUL); send printable text.`, "CONTROL_CHARACTER");
}

/** Throws 400 when the path or a query parameter (name or value) is not valid percent-encoding or holds a control character. */
export function assertCleanUrl(url: string): void {
  const parsed = new URL(url);
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    throw new BadRequestError("The path is not valid percent-encoded UTF-8.", "INVALID_PATH");
  }
  if (hasControlCharacter(path)) throw controlCharacterError("path");
  const rawQuery = parsed.search.slice(1);
  for (const pair of rawQuery === "" ? [] : rawQuery.split("&")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pair.replaceAll("+", " "));
    } catch {
      throw new BadRequestError("The query string is not valid percent-encoded UTF-8.", "INVALID_QUERY");
    }
    if (hasControlCharacter(decoded)) throw controlCharacterError("query string");
  }
}

/**
 * One pass over a JSON text: throws 400 when arrays and objects nest deeper than `maxDepth`, or when a string holds
 * a control character, raw or escaped (`\u0000`, `\b`, `\f`; `\t`, `\n` and `\r` are allowed). Malformed JSON is
 * left to the parser, which answers its own 400.
 */
export function assertCleanJson(text: string, maxDepth = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x22 /* " */) inString = false;
      else if (code === 0x5c /* \ */) {
        const escaped = text.charCodeAt(i + 1);
        if (escaped === 0x62 /* b */ || escaped === 0x66 /* f */) throw controlCharacterError("body");
        if (escaped === 0x75 /* u */ && isForbiddenInBody(Number.parseInt(text.slice(i + 2, i + 6), 16))) {
          throw controlCharacterError("body");
        }
        i += 1;
      } else if (isForbiddenInBody(code)) throw controlCharacterError("body");
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      depth += 1;
      if (depth > maxDepth) throw new BadRequestError(`The JSON body nests deeper than ${maxDepth} levels.`, "JSON_TOO_DEEP");
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) depth -= 1;
  }
}

const isJson = (contentType: string | undefined) => /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(contentType?.trim() ?? "");

/** Runs after the body policy (size cap, media type): the body it reads is bounded and cached for the validator. */
export function inputGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    assertCleanUrl(c.req.url);
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && isJson(c.req.header("content-type"))) {
      assertCleanJson(await c.req.text());
    }
    return next();
  };
}
