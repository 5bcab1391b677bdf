// Views of a file's first bytes that the formats' sniffs (contract.ts) are written against.

/** The head as text: UTF-8 (BOM stripped) or UTF-16 when it starts with a UTF-16 BOM. */
export function decodeHead(head: Buffer): string {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder("utf-16le").decode(head.subarray(2));
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder("utf-16be").decode(head.subarray(2));
  const text = new TextDecoder("utf-8").decode(head);
  return text.startsWith("\ufeff") ? text.slice(1) : text;
}

// XML prolog items that may precede the root element, with the text that closes each.
const PROLOG_ITEMS: readonly (readonly [string, string])[] = [
  ["<?", "?>"],
  ["<!--", "-->"],
];

/** Index just past a `<!DOCTYPE …>` (internal subset included), or -1 when the head ends inside it. */
function skipDoctype(text: string, start: number): number {
  const close = text.indexOf(">", start);
  const subset = text.indexOf("[", start);
  if (subset !== -1 && (close === -1 || subset < close)) {
    const end = /\]\s*>/.exec(text.slice(subset));
    return end === null ? -1 : subset + end.index + end[0].length;
  }
  return close === -1 ? -1 : close + 1;
}

/** The local name of the root element, past declarations, comments and the DOCTYPE; the DOCTYPE name as fallback. */
export function xmlRootName(text: string): string | null {
  let pos = 0;
  let doctypeName: string | null = null;
  for (;;) {
    while (pos < text.length && /\s/.test(text.charAt(pos))) pos += 1;
    const item = PROLOG_ITEMS.find(([open]) => text.startsWith(open, pos));
    if (item !== undefined) {
      const end = text.indexOf(item[1], pos + item[0].length);
      if (end === -1) return doctypeName;
      pos = end + item[1].length;
      continue;
    }
    if (text.startsWith("<!DOCTYPE", pos)) {
      doctypeName = /^<!DOCTYPE\s+([\w.:-]+)/.exec(text.slice(pos, pos + 200))?.[1] ?? null;
      pos = skipDoctype(text, pos);
      if (pos === -1) return doctypeName;
      continue;
    }
    const root = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text.slice(pos, pos + 200));
    return root?.[2] ?? null;
  }
}

interface JsonFrame {
  isObject: boolean;
  path: string;
  key: string | null;
}

/** Index just past the JSON string starting at `start` (a quote), and its raw content. */
function readJsonString(text: string, start: number): { end: number; value: string } {
  let pos = start + 1;
  while (pos < text.length && text.charAt(pos) !== '"') pos += text.charAt(pos) === "\\" ? 2 : 1;
  return { end: pos + 1, value: text.slice(start + 1, pos) };
}

function childPath(parent: JsonFrame | undefined): string {
  if (parent === undefined) return "$";
  return parent.isObject ? `${parent.path}.${parent.key ?? ""}` : `${parent.path}[]`;
}

// Only the first levels decide the format; deeper keys are skipped (brackets are still matched).
const MAX_JSON_KEY_DEPTH = 3;

/**
 * Object keys by path ("$.data.metrics", "$[].dateTime") in a possibly truncated JSON head. A tolerant scan,
 * not a parser: it needs no complete document and never builds values.
 */
export function jsonKeyPaths(text: string): Set<string> {
  const keys = new Set<string>();
  const stack: JsonFrame[] = [];
  let expectingKey = false;
  let pos = 0;
  while (pos < text.length) {
    const ch = text.charAt(pos);
    const top = stack.at(-1);
    if (ch === '"') {
      const str = readJsonString(text, pos);
      if (top?.isObject === true && expectingKey) {
        top.key = str.value;
        expectingKey = false;
        if (stack.length <= MAX_JSON_KEY_DEPTH) keys.add(`${top.path}.${str.value}`);
      }
      pos = str.end;
      continue;
    }
    if (ch === "{" || ch === "[") {
      stack.push({ isObject: ch === "{", path: childPath(top), key: null });
      expectingKey = ch === "{";
    } else if (ch === "}" || ch === "]") {
      stack.pop();
      expectingKey = false;
    } else if (ch === ",") {
      expectingKey = top?.isObject === true;
    }
    pos += 1;
  }
  return keys;
}

// Real headers are under 1 KB (Cronometer's ~55 columns); longer first lines are not a header we know.
const MAX_HEADER_CHARS = 16 * 1024;

/** The cells of the first line, split like CSV (quoted cells may hold commas), normalized for comparison. */
export function csvHeaderCells(text: string): string[] {
  const firstLine = text.slice(0, MAX_HEADER_CHARS).split(/\r\n|\n|\r/, 1)[0] ?? "";
  const cells = firstLine.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? [];
  return cells
    .map((cell) => cell.replace(/,$/, "").trim())
    .map((cell) => (cell.startsWith('"') && cell.endsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell))
    .map((cell) => cell.replace(/\s+/g, " ").trim().toLowerCase());
}
