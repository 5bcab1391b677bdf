import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { ZipEntryStream, ZipLimits } from "../../../src/formats/common/zip.js";
import { DEFAULT_ZIP_LIMITS, openZipEntryStream } from "../../../src/formats/common/zip.js";
import { ParseError } from "../../../src/formats/contract.js";
import type { ZipInput } from "../../helpers/zip-writer.js";
import { buildZip } from "../../helpers/zip-writer.js";

const HOSTILE_DIR = fileURLToPath(new URL("../../fixtures/hostile/", import.meta.url));
const tempDir = mkdtempSync(join(tmpdir(), "wearsync-zip-test-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

let zipCounter = 0;
function writeZip(entries: ZipInput[]): string {
  zipCounter += 1;
  const path = join(tempDir, `test-${zipCounter}.zip`);
  writeFileSync(path, buildZip(entries));
  return path;
}

const anyXml = (name: string): boolean => name.endsWith(".xml");

async function readAll(entry: ZipEntryStream | null): Promise<string> {
  if (entry === null) throw new Error("expected an entry");
  const chunks: Buffer[] = [];
  for await (const chunk of entry.stream) chunks.push(chunk as Buffer);
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

describe("openZipEntryStream on hostile fixtures", () => {
  it("rejects zip-bomb-1gib.zip from its central directory, in well under a second", async () => {
    const startedMs = performance.now();
    const error = await zipErrorOf(() => openZipEntryStream(join(HOSTILE_DIR, "zip-bomb-1gib.zip"), anyXml));
    const elapsedMs = performance.now() - startedMs;
    expect(error.code).toBe("ZIP_RATIO_EXCEEDED");
    expect(error.message).toMatch(/1043638 → 1073741824 bytes \(1029x, limit 200x\)/);
    // Inflating 1 GiB takes seconds; only a metadata check can answer this fast.
    expect(elapsedMs).toBeLessThan(500);
  });

  it("rejects zip-slip.zip (../ and absolute names) with ZIP_UNSAFE_PATH", async () => {
    const error = await zipErrorOf(() => openZipEntryStream(join(HOSTILE_DIR, "zip-slip.zip"), anyXml));
    expect(error.code).toBe("ZIP_UNSAFE_PATH");
    expect(error.message).toContain("../../../../tmp/evil-export.xml");
  });

  it("rejects truncated-export.zip (no central directory) with ZIP_INVALID", async () => {
    const error = await zipErrorOf(() => openZipEntryStream(join(HOSTILE_DIR, "truncated-export.zip"), anyXml));
    expect(error.code).toBe("ZIP_INVALID");
    expect(error.message).toMatch(/central directory/);
  });

  it("returns null for zip-without-export.zip", async () => {
    expect(await openZipEntryStream(join(HOSTILE_DIR, "zip-without-export.zip"), anyXml)).toBeNull();
  });
});

describe("openZipEntryStream on built archives", () => {
  it("streams the first matching entry, deflated or stored", async () => {
    const path = writeZip([
      { name: "notes/readme.txt", data: "hello" },
      { name: "data/a.xml", data: "<a>deflated</a>" },
      { name: "data/b.xml", data: "<b>stored</b>", method: "store" },
    ]);
    expect(await readAll(await openZipEntryStream(path, anyXml))).toBe("<a>deflated</a>");
    const stored = await openZipEntryStream(path, (name) => name === "data/b.xml");
    expect(stored?.uncompressedBytes).toBe(13);
    expect(await readAll(stored)).toBe("<b>stored</b>");
  });

  it.each([["/etc/cron.d/evil.xml"], ["C:/Windows/evil.xml"], ["apple_health_export\\export.xml"], ["apple_health_export/../../evil.xml"]])(
    "rejects the unsafe name %j with ZIP_UNSAFE_PATH",
    async (name) => {
      const path = writeZip([{ name, data: "<x/>" }]);
      const error = await zipErrorOf(() => openZipEntryStream(path, anyXml));
      expect(error.code).toBe("ZIP_UNSAFE_PATH");
    },
  );

  it("rejects an unsafe name even after the wanted entry", async () => {
    const path = writeZip([
      { name: "ok.xml", data: "<x/>" },
      { name: "../evil.txt", data: "x" },
    ]);
    const error = await zipErrorOf(() => openZipEntryStream(path, anyXml));
    expect(error.code).toBe("ZIP_UNSAFE_PATH");
  });

  it("applies the entry-count and total-size caps before inflating", async () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.xml`, data: "x".repeat(100) }));
    const path = writeZip(entries);
    const few: ZipLimits = { ...DEFAULT_ZIP_LIMITS, maxEntries: 4 };
    expect((await zipErrorOf(() => openZipEntryStream(path, anyXml, few))).code).toBe("ZIP_TOO_MANY_ENTRIES");
    const small: ZipLimits = { ...DEFAULT_ZIP_LIMITS, maxTotalUncompressedBytes: 450 };
    expect((await zipErrorOf(() => openZipEntryStream(path, anyXml, small))).code).toBe("ZIP_TOO_LARGE");
    expect(await openZipEntryStream(path, anyXml, { ...small, maxTotalUncompressedBytes: 500 })).not.toBeNull();
  });

  it("checks the ratio only for entries above 1 MiB", async () => {
    const smallZeros = writeZip([{ name: "small.xml", data: Buffer.alloc(512 * 1024) }]);
    expect(await readAll(await openZipEntryStream(smallZeros, anyXml))).toHaveLength(512 * 1024);
    const bigZeros = writeZip([{ name: "big.xml", data: Buffer.alloc(2 * 1024 * 1024) }]);
    expect((await zipErrorOf(() => openZipEntryStream(bigZeros, anyXml))).code).toBe("ZIP_RATIO_EXCEEDED");
  });

  it("never opens nested archives", async () => {
    const inner = buildZip([{ name: "export.xml", data: "<HealthData/>" }]);
    const path = writeZip([{ name: "apple_health_export/export.zip", data: inner, method: "store" }]);
    expect(await openZipEntryStream(path, anyXml)).toBeNull();
  });

  it("fails the stream with ZIP_INVALID when an entry inflates past its declared size", async () => {
    const path = writeZip([{ name: "liar.xml", data: "y".repeat(10_000), declaredSize: 100 }]);
    const entry = await openZipEntryStream(path, anyXml);
    const error = await zipErrorOf(() => readAll(entry));
    expect(error.code).toBe("ZIP_INVALID");
  });

  it("keeps file-system errors as they are (not the upload's fault)", async () => {
    const error = await openZipEntryStream(join(tempDir, "missing.zip"), anyXml).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).not.toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ code: "ENOENT" });
  });
});
