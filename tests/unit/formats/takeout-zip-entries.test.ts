import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readEntry } from "../../../src/formats/common/takeout-entry.js";
import type { ZipEntryStream } from "../../../src/formats/common/zip.js";
import { eachZipEntry } from "../../../src/formats/common/zip.js";
import { ParseError } from "../../../src/formats/contract.js";
import type { ZipInput } from "../../helpers/zip-writer.js";
import { buildZip } from "../../helpers/zip-writer.js";

const HOSTILE_DIR = fileURLToPath(new URL("../../fixtures/hostile/", import.meta.url));
const tempDir = mkdtempSync(join(tmpdir(), "wearsync-each-entry-test-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

let zipCounter = 0;
function writeZip(entries: ZipInput[]): string {
  zipCounter += 1;
  const path = join(tempDir, `each-${zipCounter}.zip`);
  writeFileSync(path, buildZip(entries));
  return path;
}

async function text(entry: ZipEntryStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of entry.stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

async function zipErrorOf(run: () => Promise<unknown>): Promise<ParseError> {
  const error = await run().then(
    () => null,
    (err: unknown) => err,
  );
  if (!(error instanceof ParseError)) throw new Error(`expected a ParseError, got ${String(error)}`);
  return error;
}

const isJson = (name: string): boolean => name.endsWith(".json");

describe("eachZipEntry", () => {
  it("streams every matching entry in directory order, skipping folders, deflated or stored", async () => {
    const path = writeZip([
      { name: "a/", data: "" },
      { name: "a/1.json", data: "[1]" },
      { name: "a/notes.txt", data: "skip me" },
      { name: "b/2.json", data: "[2]", method: "store" },
      { name: "c/3.json", data: "[3]" },
    ]);
    const seen: [string, number, string][] = [];
    for await (const entry of eachZipEntry(path, isJson)) seen.push([entry.entryName, entry.uncompressedBytes, await text(entry)]);
    expect(seen).toEqual([
      ["a/1.json", 3, "[1]"],
      ["b/2.json", 3, "[2]"],
      ["c/3.json", 3, "[3]"],
    ]);
  });

  it("destroys an unread stream when the next entry is asked for, and on early return", async () => {
    const path = writeZip([
      { name: "1.json", data: "[1]" },
      { name: "2.json", data: "[2]" },
      { name: "3.json", data: "[3]" },
    ]);
    const streams: ZipEntryStream["stream"][] = [];
    for await (const entry of eachZipEntry(path, isJson)) {
      streams.push(entry.stream);
      if (streams.length === 2) break;
    }
    expect(streams.map((stream) => stream.destroyed)).toEqual([true, true]);
  });

  it("never opens a nested archive: it is an entry like any other", async () => {
    const inner = buildZip([{ name: "inner.json", data: "[0]" }]);
    const path = writeZip([
      { name: "outer.json", data: "[1]" },
      { name: "inner.zip", data: inner },
    ]);
    const names: string[] = [];
    for await (const entry of eachZipEntry(path, () => true)) names.push(entry.entryName);
    expect(names).toEqual(["outer.json", "inner.zip"]);
  });

  it("checks the whole central directory before yielding anything", async () => {
    let yielded = 0;
    const consume = async (file: string): Promise<void> => {
      for await (const entry of eachZipEntry(join(HOSTILE_DIR, file), () => true)) {
        yielded++;
        entry.stream.destroy();
      }
    };
    expect((await zipErrorOf(() => consume("zip-bomb-1gib.zip"))).code).toBe("ZIP_RATIO_EXCEEDED");
    expect((await zipErrorOf(() => consume("zip-slip.zip"))).code).toBe("ZIP_UNSAFE_PATH");
    expect((await zipErrorOf(() => consume("truncated-export.zip"))).code).toBe("ZIP_INVALID");
    expect(yielded).toBe(0);
  });

  it("a too-small declared size fails the read with ZIP_INVALID", async () => {
    const path = writeZip([{ name: "big.json", data: "[1,2,3,4,5,6,7,8,9]", declaredSize: 4, method: "store" }]);
    const error = await zipErrorOf(async () => {
      for await (const entry of eachZipEntry(path, isJson)) await text(entry);
    });
    expect(error.code).toBe("ZIP_INVALID");
  });
});

describe("readEntry", () => {
  it("returns the bytes under the cap, a rejection naming the entry above it", async () => {
    const path = writeZip([
      { name: "Takeout/Fit/small.json", data: "[1]" },
      { name: "Takeout/Fit/large.json", data: "[1,2,3,4,5,6,7,8]" },
    ]);
    const results: unknown[] = [];
    for await (const entry of eachZipEntry(path, isJson)) {
      const read = await readEntry(entry, 8);
      results.push(Buffer.isBuffer(read) ? read.toString("utf8") : read);
    }
    expect(results).toEqual([
      "[1]",
      { kind: "rejected", rejection: { where: "Takeout/Fit/large.json", recordType: "file", reason: expect.stringMatching(/17 bytes, more than/) } },
    ]);
  });
});
