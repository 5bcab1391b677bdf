// Hall et al., Lancet 2011;378:826 adult model as coded in INSP-RH/bw src/adult_weight.cpp (MIT): the paper's kJ
// values × 0.23900573614 kcal/kJ (docs/science.md §5.3). Changing any of these changes MODEL_VERSION's meaning.

/** Energy density of glycogen, kcal/kg (17.6 MJ/kg). */
export const GLYCOGEN_KCAL_PER_KG = 4206.501;
/** Energy density of fat tissue mass, kcal/kg (39.5 MJ/kg). */
export const FAT_KCAL_PER_KG = 9440.727;
/** Energy density of lean tissue including its water, kcal/kg (7.6 MJ/kg). */
export const LEAN_KCAL_PER_KG = 1816.444;
/** Maintenance cost of fat mass, kcal/kg/day (13 kJ). */
export const FAT_MAINTENANCE_KCAL_PER_KG_DAY = 3.107075;
/** Maintenance cost of lean mass, kcal/kg/day (92 kJ). */
export const LEAN_MAINTENANCE_KCAL_PER_KG_DAY = 21.98853;
/** Synthesis cost of fat mass, kcal/kg (750 kJ). */
export const FAT_SYNTHESIS_KCAL_PER_KG = 179.2543;
/** Synthesis cost of lean mass, kcal/kg (960 kJ). */
export const LEAN_SYNTHESIS_KCAL_PER_KG = 229.4455;
/** Thermic effect of feeding as a fraction of the intake change. */
export const TEF_FRACTION = 0.1;
/** Adaptive thermogenesis as a fraction of the intake change, reached with a 14-day time constant. */
export const ADAPTIVE_THERMOGENESIS_FRACTION = 0.14;
export const ADAPTIVE_THERMOGENESIS_TAU_DAYS = 14;
/** Extracellular sodium concentration, mg/L. */
export const SODIUM_MG_PER_L = 3220;
/** ECF response to sodium and to carbohydrate-intake changes, mg/L/day. */
export const ECF_SODIUM_GAIN_MG_PER_L_DAY = 3000;
export const ECF_CARB_GAIN_MG_PER_L_DAY = 4000;
/** Baseline glycogen, kg. */
export const BASELINE_GLYCOGEN_KG = 0.5;
/** Each gram of glycogen is stored with 2.7 g of water: 3.7 kg of body weight per kg of glycogen. */
export const GLYCOGEN_WEIGHT_PER_KG = 3.7;
/** Forbes curve: dL/dF = 10.4 kg / F (Forbes 1987; Hall 2007), kg. */
export const FORBES_LEAN_COEFFICIENT_KG = 10.4;
