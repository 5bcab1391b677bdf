import { APPLE_EXPORT_PROLOG } from "./apple-dtd.js";
import { formatAppleDate } from "./apple-format.js";
import { activitySummaries, bloodPressureCorrelations, bloodPressureRecords, workouts } from "./export-extras.js";
import { type ExportMix, seriesOfMix } from "./export-mix.js";
import { dayInfo, type ExportPlan, MAX_DAYS, planDays, streamSeed } from "./export-plan.js";
import { seriesDay } from "./export-series-day.js";
import { TotalsCounter } from "./export-totals.js";
import { Prng } from "./prng.js";

function header(plan: ExportPlan): string {
  const last = dayInfo(plan, plan.days);
  return (
    `${APPLE_EXPORT_PROLOG}<HealthData locale="en_US">\n` +
    ` <ExportDate value="${formatAppleDate(last.startUtcMs + 8 * 3_600_000, last.offsetMin)}"/>\n` +
    ` <Me HKCharacteristicTypeIdentifierDateOfBirth="1988-06-14" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"` +
    ` HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet"` +
    ` HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>\n`
  );
}

/** The whole export.xml as a stream of small strings, in Apple's element order, counting what it emits. */
export function* exportDocument(plan: ExportPlan, totals: TotalsCounter): Generator<string> {
  yield header(plan);
  for (const { spec, index } of seriesOfMix(plan.mix)) {
    const rng = new Prng(streamSeed(plan.seed, spec.id, index));
    for (const day of planDays(plan)) yield* seriesDay(spec, rng, day, plan.density, totals);
    // The blood-pressure records (also repeated inside the correlations below) come with the other quantity types.
    if (spec.id === "hr-watch") yield* bloodPressureRecords(plan, totals);
  }
  yield* bloodPressureCorrelations(plan, totals);
  yield* workouts(plan, totals);
  yield* activitySummaries(plan, totals);
  yield "</HealthData>\n";
}

/** Joins the small strings into ~256 KiB buffers for the compressor, counting bytes on the way. */
export function* batched(parts: Iterable<string>, onBytes: (bytes: number) => void, targetChars = 256 * 1024): Generator<Buffer> {
  let pending: string[] = [];
  let chars = 0;
  const flush = (): Buffer => {
    const buf = Buffer.from(pending.join(""), "utf8");
    onBytes(buf.length);
    pending = [];
    chars = 0;
    return buf;
  };
  for (const part of parts) {
    pending.push(part);
    chars += part.length;
    if (chars >= targetChars) yield flush();
  }
  if (pending.length > 0) yield flush();
}

const PROBE_DAYS = 60;

function bytesOf(plan: ExportPlan): number {
  let bytes = 0;
  for (const part of exportDocument(plan, new TotalsCounter())) bytes += Buffer.byteLength(part, "utf8");
  return bytes;
}

/** Picks days (and, past MAX_DAYS, a density) so the document lands close to `targetBytes`. */
export function planForSize(seed: number, targetBytes: number, mix: ExportMix): ExportPlan {
  const perDayAt = (density: number): number => {
    const fixed = bytesOf({ seed: seed ^ 0x5eed, days: 0, density, mix });
    return (bytesOf({ seed: seed ^ 0x5eed, days: PROBE_DAYS, density, mix }) - fixed) / PROBE_DAYS;
  };
  const base = perDayAt(1);
  const density = Math.max(1, Math.ceil(targetBytes / (base * MAX_DAYS)));
  const perDay = density === 1 ? base : perDayAt(density);
  const days = Math.max(1, Math.round(targetBytes / perDay));
  if (days > MAX_DAYS) throw new Error(`cannot fit ${targetBytes} bytes into ${MAX_DAYS} days`);
  return { seed, days, density, mix };
}
