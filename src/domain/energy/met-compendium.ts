// MET values per Compendium code and edition, shipped with their edition so a value is always traceable
// (docs/science.md §3.4). 2011: Ainsworth et al., MSSE 43(8):1575. 2024: Herrmann et al., J Sport Health Sci 13(1):6,
// as parsed from the PDF; codes other than 02020/02022/02024/02052/02054/02055 still need checking on pacompendium.com.

export type CompendiumEdition = 2011 | 2024;

export interface CompendiumMet {
  code: string;
  edition: CompendiumEdition;
  activity: string;
  met: number;
}

// [code, activity, MET 2011 edition, MET 2024 edition]; null where the code does not exist in that edition.
const ROWS: ReadonlyArray<readonly [string, string, number | null, number | null]> = [
  ["02020", "calisthenics, vigorous (push-ups, sit-ups, pull-ups, jumping jacks)", 8.0, 7.5],
  ["02022", "calisthenics, moderate (push-ups, sit-ups, pull-ups, lunges)", 3.8, 3.8],
  ["02024", "calisthenics, light (sit-ups/crunches; 2024 adds plank)", 2.8, 2.8],
  ["02030", "calisthenics, light/moderate general (e.g. back exercises)", 3.5, 3.5],
  ["02032", "circuit training, body-weight exercises", null, 6.0],
  ["02035", "circuit training, moderate", 4.3, 5.0],
  ["02040", "circuit training incl. kettlebells, minimal rest, vigorous", 8.0, 7.5],
  ["02050", "resistance training, power lifting/body building, vigorous", 6.0, 6.0],
  ["02052", "resistance training, squats (2024: squats, deadlift)", 5.0, 5.0],
  ["02054", "resistance training, multiple exercises, 8–15 reps", 3.5, 3.5],
  ["02055", "resistance circuit, reciprocal supersets", null, 5.8],
  ["02056", "body-weight resistance, general", null, 3.0],
  ["02057", "body-weight resistance, high intensity", null, 6.5],
  ["02058", "kettlebell swings", null, 9.8],
  ["02070", "rowing ergometer, general, vigorous", 6.0, 7.3],
  ["02071", "rowing ergometer, moderate (2024: <100 W)", 4.8, 5.0],
  ["02072", "rowing ergometer, 100 W (2024: 100–149 W)", 7.0, 7.5],
  ["02073", "rowing ergometer, 150 W (2024: 150–199 W)", 8.5, 11.0],
  ["02074", "rowing ergometer, 200 W (2024: ≥200 W)", 12.0, 14.0],
  ["02210", "high-intensity interval exercise, moderate", null, 7.0],
  ["02214", "HIIT, vigorous (burpees, mountain climbers, squat jumps, Tabata)", null, 11.0],
  ["01305", "bicycling, HIIT", null, 8.8],
  ["02101", "stretching, mild", 2.3, 2.3],
  ["17151", "walking, <2.0 mph", 2.0, 2.3],
  ["17152", "walking, 2.0 mph (2024: 2.0–2.4)", 2.8, 2.8],
  ["17170", "walking, 2.5 mph", 3.0, 3.0],
  ["17190", "walking, 2.8–3.2 mph (2024: 2.8–3.4)", 3.5, 3.8],
  ["17200", "walking, 3.5 mph (2024: 3.5–3.9)", 4.3, 4.8],
  ["17220", "walking, 4.0 mph (2024: 4.0–4.4)", 5.0, 5.5],
  ["17230", "walking, 4.5 mph (2024: 4.5–4.9)", 7.0, 7.0],
  ["17231", "walking, 5.0 mph (2024: 5.0–5.5)", 8.3, 8.5],
  ["12050", "running, 6 mph (2024: 6–6.3)", 9.8, 9.3],
  ["07021", "sitting quietly, general", 1.3, 1.0],
];

export const COMPENDIUM_METS: readonly CompendiumMet[] = ROWS.flatMap(([code, activity, met2011, met2024]) => {
  const entries: CompendiumMet[] = [];
  if (met2011 !== null) entries.push({ code, edition: 2011, activity, met: met2011 });
  if (met2024 !== null) entries.push({ code, edition: 2024, activity, met: met2024 });
  return entries;
});

/** Never falls back to the other edition: mixing editions silently is what the table exists to prevent. */
export function compendiumMet(code: string, edition: CompendiumEdition): CompendiumMet | null {
  return COMPENDIUM_METS.find((entry) => entry.code === code && entry.edition === edition) ?? null;
}
