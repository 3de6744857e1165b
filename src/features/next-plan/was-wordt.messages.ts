/** The texts of the was/wordt page, Dutch and English with the same keys; messages.ts hangs them under `wasWordt`. */
import type { WasWordtChange } from '../../domain/was-wordt.js';

export const wasWordtNl = {
  title: 'Was/wordt',
  intro: (previous: string, current: string) =>
    `Per thema van Kernbeleid Veiligheid wat het was in ${previous} en wat het wordt in ${current}.`,
  noPredecessor: 'Dit plan heeft in Koers geen vorig plan. Hieronder staat per thema wat het plan zelf over het vorige plan zegt.',
  caption: 'Was/wordt per thema van Kernbeleid Veiligheid',
  theme: 'Thema',
  was: 'Was',
  wordt: 'Wordt',
  change: 'Wat verandert',
  note: 'Toelichting',
  themesCaption: 'Wat het plan per thema over het vorige plan zegt',
  planTheme: 'Thema van het plan',
  kinds: { priority: 'prioriteit', strategic: 'strategisch thema' },
  absent: 'niet in het plan',
  changes: {
    still_priority: 'blijft prioriteit',
    still_strategic: 'blijft strategisch thema',
    became_priority: 'wordt prioriteit',
    became_strategic: 'wordt strategisch thema',
    dropped: 'vervalt',
    new: 'nieuw',
  } satisfies Record<WasWordtChange, string>,
  outsideCatalogue: (key: string) => `eigen thema (${key})`,
  noNote: 'Geen toelichting.',
};

export const wasWordtEn: typeof wasWordtNl = {
  title: 'Was/becomes',
  intro: (previous, current) => `Per theme of Kernbeleid Veiligheid what it was in ${previous} and what it becomes in ${current}.`,
  noPredecessor: 'This plan has no previous plan in Koers. Below, per theme, what the plan itself says about the previous plan.',
  caption: 'Was/becomes per theme of Kernbeleid Veiligheid',
  theme: 'Theme',
  was: 'Was',
  wordt: 'Becomes',
  change: 'What changes',
  note: 'Explanation',
  themesCaption: 'What the plan says per theme about the previous plan',
  planTheme: 'Theme of the plan',
  kinds: { priority: 'priority', strategic: 'strategic theme' },
  absent: 'not in the plan',
  changes: {
    still_priority: 'stays a priority',
    still_strategic: 'stays a strategic theme',
    became_priority: 'becomes a priority',
    became_strategic: 'becomes a strategic theme',
    dropped: 'dropped',
    new: 'new',
  },
  outsideCatalogue: (key) => `own theme (${key})`,
  noNote: 'No explanation.',
};
