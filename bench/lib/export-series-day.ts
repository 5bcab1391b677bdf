import type { DayInfo } from "./export-plan.js";
import type { SeriesSpec } from "./export-series.js";
import { metadataXml, recordXml } from "./export-sources.js";
import type { TotalsCounter } from "./export-totals.js";
import type { Prng } from "./prng.js";

/**
 * The records of one series on one local day. The window is cut into equal slots and each record sits inside
 * its own slot, so starts strictly increase and no two records of a source share (type, start, end).
 */
export function* seriesDay(spec: SeriesSpec, rng: Prng, day: DayInfo, density: number, totals: TotalsCounter): Generator<string> {
  const count = rng.int(spec.perDay[0], spec.perDay[1]) * (spec.scales ? density : 1);
  if (count === 0) return;
  const windowS = (spec.hours[1] - spec.hours[0]) * 3600;
  const slotS = Math.floor(windowS / count);
  for (let i = 0; i < count; i++) {
    const durationS = Math.min(rng.int(spec.durationS[0], spec.durationS[1]), slotS - 1);
    const startS = spec.hours[0] * 3600 + i * slotS + rng.int(0, slotS - 1 - durationS);
    const startMs = day.startUtcMs + startS * 1000;
    const endMs = startMs + durationS * 1000;
    const value = spec.value(rng, day);
    const manual = spec.manualShare !== undefined && rng.chance(spec.manualShare);
    const children = (manual ? metadataXml("HKWasUserEntered", "1") : "") + (spec.children?.(rng, startMs, day) ?? "");
    yield recordXml(
      {
        hkType: spec.hkType,
        source: spec.source,
        unit: value.unit,
        value: value.text,
        startMs,
        endMs,
        creationMs: endMs + rng.int(1, 900) * 1000,
        children,
      },
      rng,
      day,
    );
    // A sleep record is stored as its stage, valued in minutes of its span.
    const type = value.type ?? spec.imported;
    const canonical = value.type !== undefined ? durationS / 60 : value.canonical;
    if (type !== null && canonical !== null) totals.addSample(type, canonical);
    else totals.skippedElements += 1;
  }
}
