/** Validation messages in Dutch: every zod schema of Koers reports in the language of its users. */
import { z } from 'zod';

z.config(z.locales.nl());
