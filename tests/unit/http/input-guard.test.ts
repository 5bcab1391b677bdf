import { describe, expect, it } from "vitest";
import { assertCleanJson, assertCleanUrl, MAX_JSON_DEPTH } from "../../../src/http/middleware/input-guard.js";
import { BadRequestError } from "../../../src/lib/errors.js";

const codeOf = (fn: () => void): string | null => {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof BadRequestError ? err.code : `not a 400: ${String(err)}`;
  }
};

describe("assertCleanJson", () => {
  it("passes ordinary bodies, with tabs and line breaks inside strings and braces inside strings", () => {
    expect(codeOf(() => assertCleanJson(JSON.stringify({ name: 'soup\tand\nbread "[{" \\', items: [[1], { a: [] }] })))).toBeNull();
    expect(codeOf(() => assertCleanJson(`${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`))).toBeNull();
  });

  it("refuses nesting past the cap, in arrays and objects alike, in one pass over 100,000 levels", () => {
    expect(codeOf(() => assertCleanJson(`${"[".repeat(MAX_JSON_DEPTH + 1)}${"]".repeat(MAX_JSON_DEPTH + 1)}`))).toBe("JSON_TOO_DEEP");
    expect(codeOf(() => assertCleanJson(`${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`))).toBe("JSON_TOO_DEEP");
  });

  it.each([
    ["an escaped NUL", '{"name":"a\\u0000b"}'],
    ["an escaped ESC", '{"name":"\\u001b[31m"}'],
    ["an escaped DEL", '{"name":"\\u007F"}'],
    ["a C1 control", '{"name":"\\u0085"}'],
    ["a backspace escape", '{"name":"a\\bb"}'],
    ["a form feed escape", '{"name":"a\\fb"}'],
    ["a raw control character", '{"name":"a\u0001b"}'],
    ["a NUL in a key", '{"na\\u0000me":1}'],
  ])("refuses %s in a string", (_what, body) => {
    expect(codeOf(() => assertCleanJson(body))).toBe("CONTROL_CHARACTER");
  });

  it("does not mistake an escaped backslash before u for an escape", () => {
    expect(codeOf(() => assertCleanJson('{"path":"C:\\\\u0000"}'))).toBeNull();
  });
});

describe("assertCleanUrl", () => {
  it("passes ordinary paths and queries", () => {
    expect(codeOf(() => assertCleanUrl("http://h/v1/days?from=2026-11-01&to=2026-11-30&filename=M%C3%BCnchen%20run.fit"))).toBeNull();
  });

  it.each([
    ["NUL in the path", "http://h/v1/imports/imp%00x", "CONTROL_CHARACTER"],
    ["a line feed in the path", "http://h/v1/imports/imp%0Ax", "CONTROL_CHARACTER"],
    ["NUL in a query value", "http://h/v1/imports?filename=a%00b", "CONTROL_CHARACTER"],
    ["DEL in a query name", "http://h/v1/imports?a%7F=1", "CONTROL_CHARACTER"],
    ["broken percent-encoding in the path", "http://h/v1/imports/%E0%A4%A", "INVALID_PATH"],
    ["broken percent-encoding in the query", "http://h/v1/imports?cursor=%FF", "INVALID_QUERY"],
  ])("refuses %s", (_what, url, code) => {
    expect(codeOf(() => assertCleanUrl(url))).toBe(code);
  });
});
