import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAppleHealthXml } from "../../../src/formats/apple-health/parse-export-xml.js";
import { createXmlSanitizer, sanitizeXmlBytes } from "../../../src/formats/common/xml-sanitizer.js";
import type { ParseEvent } from "../../../src/formats/contract.js";

const NOW_MS = Date.UTC(2025, 0, 1);
const VERTICAL_TAB_XML = readFileSync(fileURLToPath(new URL("../../fixtures/hostile/vertical-tab.xml", import.meta.url)));

function chunked(bytes: Buffer, chunkBytes: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkBytes) chunks.push(bytes.subarray(i, i + chunkBytes));
  return chunks;
}

async function sanitizeInChunks(chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(createXmlSanitizer())) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

async function collect(input: Readable): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  for await (const event of parseAppleHealthXml(input, { nowMs: NOW_MS })) events.push(event);
  return events;
}

describe("xml sanitizer", () => {
  it("replaces exactly the XML-illegal C0 controls and keeps TAB, LF, CR and UTF-8", () => {
    const input = Buffer.concat([Buffer.from([0x00, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x1f, 0x20]), Buffer.from("é\u00a0😀")]);
    const expected = Buffer.concat([Buffer.from([0x20, 0x20, 0x09, 0x0a, 0x20, 0x20, 0x0d, 0x20, 0x20, 0x20]), Buffer.from("é\u00a0😀")]);
    expect(sanitizeXmlBytes(input)).toEqual(expected);
    expect(input[4]).toBe(0x0b);
  });

  it("gives the same bytes when a control char and a multi-byte char straddle chunk boundaries", async () => {
    // "a" NBSP(C2 A0) VT "b" 😀(F0 9F 98 80) VT: cut inside the NBSP, right before each VT and inside the emoji.
    const bytes = Buffer.from("a\u00a0\u000bb😀\u000b", "utf8");
    const chunks = [bytes.subarray(0, 2), bytes.subarray(2, 3), bytes.subarray(3, 6), bytes.subarray(6, 9), bytes.subarray(9)];
    const out = await sanitizeInChunks(chunks);
    expect(out.toString("utf8")).toBe("a\u00a0 b😀 ");
  });

  it("sanitizes a real file fed one byte at a time identically to the whole file", async () => {
    const out = await sanitizeInChunks(chunked(VERTICAL_TAB_XML, 1));
    expect(out).toEqual(sanitizeXmlBytes(VERTICAL_TAB_XML));
    expect(out.includes(0x0b)).toBe(false);
    expect(VERTICAL_TAB_XML.includes(0x0b)).toBe(true);
  });
});

describe("streaming Apple Health parse", () => {
  it.each([1, 7, 4096])("parses vertical-tab.xml in %d-byte chunks like the whole file", async (chunkBytes) => {
    const whole = await collect(Readable.from([VERTICAL_TAB_XML]));
    const pieces = await collect(Readable.from(chunked(VERTICAL_TAB_XML, chunkBytes)));
    expect(pieces).toEqual(whole);
    expect(whole).toHaveLength(2);
  });

  it("streams a generated ~110 MB export with bounded read-ahead and flat memory", { timeout: 120_000 }, async () => {
    const recordCount = 300_000;
    const recordsPerChunk = 1000;
    const progress = { chunksPulled: 0, bytes: 0 };
    const record = (i: number): string =>
      `  <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Test Watch" sourceVersion="10.0" device="&lt;&lt;HKDevice: 0x283a6c0f0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch2,4, software:4.3.1&gt;" unit="count" creationDate="2024-03-09 08:10:00 -0800" startDate="2024-03-09 08:00:00 -0800" endDate="2024-03-09 08:10:00 -0800" value="${i % 500}"/>\n`;
    async function* source(): AsyncGenerator<Buffer> {
      yield Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_US">\n');
      for (let i = 0; i < recordCount; i += recordsPerChunk) {
        const lines: string[] = [];
        for (let j = i; j < i + recordsPerChunk; j++) lines.push(record(j));
        const chunk = Buffer.from(lines.join(""));
        progress.chunksPulled += 1;
        progress.bytes += chunk.length;
        yield chunk;
      }
      yield Buffer.from("</HealthData>\n");
    }

    const baselineHeapBytes = process.memoryUsage().heapUsed;
    let maxHeapGrowthBytes = 0;
    let maxReadAheadChunks = 0;
    let sampleCount = 0;
    let valueSum = 0;
    for await (const event of parseAppleHealthXml(Readable.from(source()), { nowMs: NOW_MS })) {
      if (event.kind !== "sample") continue;
      sampleCount += 1;
      valueSum += event.sample.value;
      const chunksConsumed = Math.floor(sampleCount / recordsPerChunk);
      maxReadAheadChunks = Math.max(maxReadAheadChunks, progress.chunksPulled - chunksConsumed);
      if (sampleCount % 10_000 === 0) {
        maxHeapGrowthBytes = Math.max(maxHeapGrowthBytes, process.memoryUsage().heapUsed - baselineHeapBytes);
      }
    }

    expect(sampleCount).toBe(recordCount);
    expect(valueSum).toBe((recordCount / 500) * ((499 * 500) / 2));
    expect(progress.bytes).toBeGreaterThan(100 * 1024 * 1024);
    // The parser pulls a chunk only after its events were consumed: read-ahead is stream buffering, not the file.
    expect(maxReadAheadChunks).toBeLessThan(40);
    // Holding the input (>100 MB) or its 300k events would exceed this; streaming stays well below.
    expect(maxHeapGrowthBytes).toBeLessThan(80 * 1024 * 1024);
  });
});
