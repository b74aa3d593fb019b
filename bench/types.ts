export interface Settings {
  quick: boolean;
  /** Timed repetitions per figure; figures are medians. */
  runs: number;
}

export interface Row {
  section: string;
  metric: string;
  value: number | null;
  unit: string;
  target?: string;
  pass?: boolean;
  error?: string;
  /** Per-run samples or extra detail for the JSON output. */
  detail?: unknown;
}

export const row = (
  section: string,
  metric: string,
  value: number,
  unit: string,
  target?: { text: string; ok: (v: number) => boolean },
  detail?: unknown,
): Row => ({
  section,
  metric,
  value,
  unit,
  ...(target ? { target: target.text, pass: target.ok(value) } : {}),
  ...(detail === undefined ? {} : { detail }),
});

export const atLeast = (n: number, unit = '') => ({ text: `≥ ${n}${unit}`, ok: (v: number) => v >= n });
export const atMost = (n: number, unit = '') => ({ text: `≤ ${n}${unit}`, ok: (v: number) => v <= n });
