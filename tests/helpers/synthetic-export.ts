import { once } from "node:events";
import { createWriteStream } from "node:fs";

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Workout)*)>
]>
<HealthData locale="en_US">
 <ExportDate value="2026-11-01 08:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>
`;

function appleDate(utcMs: number): string {
  // Written at +01:00 so every record carries an explicit offset, as Apple's do.
  const local = new Date(utcMs + 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} +0100`;
}

export interface SyntheticExport {
  path: string;
  records: number;
  stepsTotal: number;
}

/**
 * Writes an export.xml of `records` StepCount records, one per minute from 2025-01-01 (so every record is
 * distinct), with step values 1..60 in a fixed pattern: the totals are known exactly.
 */
export async function writeSyntheticStepsExport(path: string, records: number, firstMs = Date.UTC(2025, 0, 1)): Promise<SyntheticExport> {
  const out = createWriteStream(path);
  out.write(HEADER);
  let stepsTotal = 0;
  for (let i = 0; i < records; i++) {
    const startMs = firstMs + i * 60_000;
    const steps = (i % 60) + 1;
    stepsTotal += steps;
    const line = ` <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Test Watch" sourceVersion="10.1" device="&lt;&lt;HKDevice: 0x1&gt;, name:Apple Watch, model:Watch, hardware:Watch6,1&gt;" unit="count" creationDate="${appleDate(startMs)}" startDate="${appleDate(startMs)}" endDate="${appleDate(startMs + 60_000)}" value="${steps}"/>\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end("</HealthData>\n");
  await once(out, "finish");
  return { path, records, stepsTotal };
}
