import { createReadStream, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { IntakeEvent, ParsedIntake, Rejection } from "../../../src/formats/contract.js";

export const FIXTURES_DIR = fileURLToPath(new URL("../../fixtures/", import.meta.url));

export function fixtureStream(relativePath: string): Readable {
  return createReadStream(`${FIXTURES_DIR}${relativePath}`);
}

export function fixtureText(relativePath: string): string {
  return readFileSync(`${FIXTURES_DIR}${relativePath}`, "utf8");
}

/** A stream that delivers `text` in chunks of `chunkBytes` bytes, splitting UTF-8 sequences and CRLFs. */
export function chunkedStream(text: string | Buffer, chunkBytes = 7): Readable {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkBytes) chunks.push(bytes.subarray(i, i + chunkBytes));
  return Readable.from(chunks);
}

export interface Collected {
  intakes: ParsedIntake[];
  rejections: Rejection[];
  statuses: Extract<IntakeEvent, { kind: "day-status" }>[];
}

export async function collect(events: AsyncIterable<IntakeEvent>): Promise<Collected> {
  const out: Collected = { intakes: [], rejections: [], statuses: [] };
  for await (const event of events) {
    if (event.kind === "intake") out.intakes.push(event.intake);
    else if (event.kind === "rejected") out.rejections.push(event.rejection);
    else out.statuses.push(event);
  }
  return out;
}

export function sumByDate(intakes: readonly ParsedIntake[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const intake of intakes) totals.set(intake.localDate, (totals.get(intake.localDate) ?? 0) + intake.energyKcal);
  return totals;
}

/**
 * A deliberately naive second reading for cross-checks: split lines and commas (valid only for files with no
 * quoted cells), then sum the named column per value of the date column.
 */
export function naiveColumnSumByDate(text: string, dateColumn: string, valueColumn: string): Map<string, number> {
  const [headerLine = "", ...lines] = text
    .replace(/^\ufeff/, "")
    .split(/\r?\n/)
    .filter((line) => line !== "");
  const header = headerLine.split(",");
  const dateIndex = header.indexOf(dateColumn);
  const valueIndex = header.indexOf(valueColumn);
  const totals = new Map<string, number>();
  for (const line of lines) {
    const cells = line.split(",");
    const date = cells[dateIndex] ?? "";
    totals.set(date, (totals.get(date) ?? 0) + Number(cells[valueIndex]));
  }
  return totals;
}
