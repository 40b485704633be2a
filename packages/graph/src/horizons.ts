// Two views of who holds a community together: who does it now (current) and who has done it over
// the past year or so (established). Each is a half-life for interaction decay and the history it
// reads; both are computed by the same functions with different options.

export interface KolHorizon {
  halfLifeDays: number;
  /** Days of history read; beyond it interactions have decayed below the edge threshold anyway. */
  windowDays: number;
}

export const KOL_HORIZONS = {
  current: { halfLifeDays: 30, windowDays: 180 },
  established: { halfLifeDays: 365, windowDays: 1095 },
} as const satisfies Record<string, KolHorizon>;

export type KolHorizonName = keyof typeof KOL_HORIZONS;
export const KOL_HORIZON_NAMES = Object.keys(KOL_HORIZONS) as KolHorizonName[];
