/**
 * Choosing the priorities of the next plan. The coordinator scores each
 * catalogue theme on criteria the municipality sets, each with a weight;
 * Koers proposes a ranking by the weighted mean of the scores given, with the
 * reasons beside each theme. A theme scored on fewer criteria is ranked on
 * those it has, and says which are missing; a theme not scored at all comes
 * last. Pure.
 */

export interface Criterion {
  key: string;
  name: string;
  /** 0 leaves a criterion out; the weights need not add up to anything. */
  weight: number;
}

/** The criteria a municipality starts with; it may rename, reweigh, drop or add. */
export const DEFAULT_CRITERIA: readonly Criterion[] = [
  { key: 'omvang-en-trend', name: 'omvang en trend van het probleem', weight: 1 },
  { key: 'afstand-tot-groep', name: 'afstand tot vergelijkbare gemeenten', weight: 1 },
  { key: 'impact-op-inwoners', name: 'impact op inwoners', weight: 1 },
  { key: 'wens-van-de-raad', name: 'wens van de raad', weight: 1 },
  { key: 'wettelijke-taak', name: 'wettelijke taak', weight: 1 },
];

/** A score runs from 0 (no reason to give it priority) to 5 (every reason). */
export const MAX_SCORE = 5;

/** Scores per theme code, per criterion key; a criterion left out is not scored. */
export type Scores = Record<string, Record<string, number>>;

export interface RankedTheme {
  code: string;
  name: string;
  /** The weighted mean of the scores given, 0 to 5; null when none is given. */
  total: number | null;
  rank: number | null;
  reasons: string[];
  missing: string[];
}

export interface ScoreProblem {
  path: string;
  message: string;
}

/** Every problem of criteria and scores, each with where it is; empty when they can be used. */
export function scoreProblems(criteria: readonly Criterion[], scores: Scores, themeCodes: readonly string[]): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  const keys = new Set<string>();
  criteria.forEach((criterion, index) => {
    if (keys.has(criterion.key))
      problems.push({ path: `criteria[${index}].key`, message: `de sleutel ${criterion.key} staat er twee keer` });
    keys.add(criterion.key);
    if (!Number.isFinite(criterion.weight) || criterion.weight < 0 || criterion.weight > 100) {
      problems.push({ path: `criteria[${index}].weight`, message: 'een gewicht is een getal van 0 tot en met 100' });
    }
    if (criterion.name.trim() === '') problems.push({ path: `criteria[${index}].name`, message: 'geef het criterium een naam' });
  });
  if (criteria.length > 0 && criteria.every((criterion) => criterion.weight === 0)) {
    problems.push({ path: 'criteria', message: 'minstens één criterium moet meewegen' });
  }
  const themes = new Set(themeCodes);
  for (const [code, perCriterion] of Object.entries(scores)) {
    if (!themes.has(code)) problems.push({ path: `scores.${code}`, message: `geen thema van Kernbeleid Veiligheid: ${code}` });
    for (const [key, score] of Object.entries(perCriterion)) {
      if (!keys.has(key)) problems.push({ path: `scores.${code}.${key}`, message: `geen criterium: ${key}` });
      else if (!Number.isInteger(score) || score < 0 || score > MAX_SCORE) {
        problems.push({ path: `scores.${code}.${key}`, message: `een score is een heel getal van 0 tot en met ${MAX_SCORE}` });
      }
    }
  }
  return problems;
}

/** The proposed ranking: highest weighted mean first, ties by theme code; themes without a score last. */
export function rankThemes(
  themes: readonly { code: string; name: string }[],
  criteria: readonly Criterion[],
  scores: Scores,
): RankedTheme[] {
  const counted = criteria.filter((criterion) => criterion.weight > 0);
  const rows = themes.map((theme) => {
    const own = scores[theme.code] ?? {};
    const given = counted.filter((criterion) => typeof own[criterion.key] === 'number');
    const weights = given.reduce((sum, criterion) => sum + criterion.weight, 0);
    const total =
      weights > 0 ? given.reduce((sum, criterion) => sum + (own[criterion.key] as number) * criterion.weight, 0) / weights : null;
    return {
      code: theme.code,
      name: theme.name,
      total,
      rank: null as number | null,
      reasons: given.map(
        (criterion) =>
          `${criterion.name}: ${own[criterion.key]} van ${MAX_SCORE}${criterion.weight === 1 ? '' : ` (weegt ${String(criterion.weight).replace('.', ',')} keer)`}`,
      ),
      missing: counted.filter((criterion) => !given.includes(criterion)).map((criterion) => criterion.name),
    };
  });
  rows.sort((a, b) => {
    if (a.total === null || b.total === null) return a.total === b.total ? a.code.localeCompare(b.code) : a.total === null ? 1 : -1;
    return b.total - a.total || a.code.localeCompare(b.code);
  });
  // Equal totals share a rank (1, 2, 2, 4).
  rows.forEach((row, index) => {
    if (row.total === null) return;
    const previous = rows[index - 1];
    row.rank = previous && previous.total === row.total ? previous.rank : index + 1;
  });
  return rows;
}
