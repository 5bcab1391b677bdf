import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { formatIsoDay } from "./apple-format.js";
import { batched, exportDocument, planForSize } from "./export-document.js";
import type { ExportMix } from "./export-mix.js";
import { dayInfo, FIRST_DAY_UTC_MS } from "./export-plan.js";
import { type ExportTotals, saveTotals, TotalsCounter } from "./export-totals.js";
import { ZipStreamWriter } from "./zip-stream-writer.js";

export interface GenerateOptions {
  path: string;
  targetMb: number;
  format: "zip" | "xml";
  seed: number;
  mix: ExportMix;
}

const EXPORT_ENTRY = "apple_health_export/export.xml";
// Leaves room for the size estimate being a little short.
const ZIP32_LIMIT_BYTES = 0.95 * 0xffffffff;

function smallEntries(exportedAt: Date): { name: string; data: Buffer }[] {
  const gpx = (day: string) =>
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="Apple Health Export" xmlns="http://www.topografix.com/GPX/1/1">\n` +
        ` <metadata><time>${day}T17:00:00Z</time></metadata>\n <trk><name>Route ${day}</name><trkseg>\n` +
        `  <trkpt lon="-122.426" lat="37.7777"><ele>21.3</ele><time>${day}T17:00:00Z</time></trkpt>\n </trkseg></trk>\n</gpx>\n`,
    );
  return [
    { name: "apple_health_export/workout-routes/route_2016-11-14_7.25am.gpx", data: gpx("2016-11-14") },
    { name: "apple_health_export/workout-routes/route_2019-03-02_6.02pm.gpx", data: gpx("2019-03-02") },
    {
      name: "apple_health_export/export_cda.xml",
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3"><title>Health Data Export ${exportedAt.toISOString()}</title></ClinicalDocument>\n`,
      ),
    },
  ];
}

/**
 * Writes a synthetic Apple Health export (export.zip, or a bare export.xml) of about `targetMb` MB of XML,
 * streaming: the document is generated in 256 KiB pieces and never held whole. Returns its exact totals.
 */
export async function generateExport(opts: GenerateOptions): Promise<ExportTotals> {
  if (opts.format === "zip" && opts.targetMb * 1_000_000 > ZIP32_LIMIT_BYTES) {
    throw new Error(`--size-mb ${opts.targetMb}: export.xml past 4 GiB needs zip64, which the bench's zip writer does not do; use --xml`);
  }
  const plan = planForSize(opts.seed, opts.targetMb * 1_000_000, opts.mix);
  const counter = new TotalsCounter();
  let xmlBytes = 0;
  const chunks = batched(exportDocument(plan, counter), (bytes) => {
    xmlBytes += bytes;
  });
  const exportedAt = new Date(dayInfo(plan, plan.days).startUtcMs);
  let fileBytes: number;
  if (opts.format === "zip") {
    const zip = await ZipStreamWriter.create(opts.path);
    const [first, ...rest] = smallEntries(exportedAt);
    if (first) await zip.addBuffer(first.name, first.data, exportedAt);
    await zip.addStream(EXPORT_ENTRY, chunks, exportedAt);
    for (const entry of rest) await zip.addBuffer(entry.name, entry.data, exportedAt);
    fileBytes = await zip.close();
  } else {
    await pipeline(chunks, createWriteStream(opts.path));
    fileBytes = xmlBytes;
  }
  const totals: ExportTotals = {
    version: 2,
    seed: opts.seed,
    mix: opts.mix,
    targetMb: opts.targetMb,
    format: opts.format,
    days: plan.days,
    density: plan.density,
    firstDay: formatIsoDay(FIRST_DAY_UTC_MS),
    lastDay: formatIsoDay(dayInfo(plan, plan.days - 1).dateUtcMs),
    xmlBytes,
    fileBytes,
    samplesByType: { ...counter.samplesByType },
    samples: counter.samples,
    workouts: counter.workouts,
    stepsSum: counter.stepsSum,
    activeEnergyKcal: counter.activeEnergyKcal,
    basalEnergyKcal: counter.basalEnergyKcal,
    bodyMassKg: counter.bodyMassKg,
    skippedElements: counter.skippedElements,
  };
  await saveTotals(opts.path, totals);
  return totals;
}
