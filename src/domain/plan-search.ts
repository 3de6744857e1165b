/**
 * Searching a plan by words: its themes (name, summary, goal, approach), its
 * partners (name, description) and its activities (as the implementation
 * plan's search: name, description, theme, workstream, leads and partners).
 * Every word must occur, in any case and with or without accents.
 */
import { type ActivityRow, fold, listActivities, searchWords } from './activity-filter.js';
import type { Plan, StoredPartner, StoredTheme } from './plan.js';

export interface PlanSearchResult {
  words: string[];
  themes: StoredTheme[];
  partners: StoredPartner[];
  activities: ActivityRow[];
}

export function searchPlan(plan: Plan, text: string): PlanSearchResult {
  const words = searchWords(text);
  if (words.length === 0) return { words, themes: [], partners: [], activities: [] };
  const matches = (parts: (string | null)[]) => {
    const haystack = fold(parts.filter(Boolean).join(' '));
    return words.every((word) => haystack.includes(word));
  };
  return {
    words,
    themes: plan.themes.filter((theme) =>
      matches([theme.name, theme.summary, theme.goal, ...theme.approachLines.flatMap((line) => [line.title, line.description])]),
    ),
    partners: plan.partners.filter((partner) => matches([partner.name, partner.description])),
    activities: listActivities(plan, { text }),
  };
}
