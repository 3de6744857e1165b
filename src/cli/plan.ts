/** `koers plan list|export|import`: whole plans as plan documents (JSON). */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { ValidationError } from '../domain/errors.js';
import { SYSTEM } from '../features/accounts/actor.js';
import { PLAN_DOCUMENT_MAX_BYTES } from '../features/plans/plan-document.schema.js';
import { createServices, openDatabase } from '../server.js';
import { readFileWithin } from './read-file.js';

async function withServices<T>(config: Config, work: (services: ReturnType<typeof createServices>) => Promise<T>): Promise<T> {
  const handle = await openDatabase(config);
  try {
    return await work(createServices(handle));
  } finally {
    await handle.close();
  }
}

export function registerPlanCommands(program: Command, config: () => Config) {
  const plan = program.command('plan').description('plannen bekijken, exporteren en importeren');

  plan
    .command('list')
    .description('toon alle plannen met hun id')
    .action(() =>
      withServices(config(), async ({ plans }) => {
        for (const summary of await plans.listPlans(SYSTEM)) {
          const municipalities = summary.municipalities.map((municipality) => municipality.name).join(', ');
          console.log(`${summary.id}  ${summary.title} (${municipalities}, ${summary.periodStart}-${summary.periodEnd})`);
        }
      }),
    );

  plan
    .command('export')
    .description('schrijf een plan als één JSON-plandocument')
    .argument('<planId>', 'id van het plan (zie koers plan list)')
    .option('-o, --output <file>', 'schrijf naar dit bestand in plaats van naar de standaarduitvoer')
    .action((planId: string, options: { output?: string }) =>
      withServices(config(), async ({ plans }) => {
        const json = `${JSON.stringify(await plans.exportPlan(SYSTEM, planId), null, 2)}\n`;
        if (options.output) {
          await writeFile(options.output, json);
          console.error(`Plan geschreven naar ${options.output}`);
        } else process.stdout.write(json);
      }),
    );

  plan
    .command('publish')
    .description('maak een plan leesbaar voor iedereen, zonder inloggen (--undo trekt dat in)')
    .argument('<planId>', 'id van het plan (zie koers plan list)')
    .option('--undo', 'publicatie intrekken')
    .action((planId: string, options: { undo?: boolean }) =>
      withServices(config(), async ({ plans }) => {
        const published = await plans.setPublished(SYSTEM, planId, !options.undo);
        console.log(`${published.title} is ${published.published ? 'gepubliceerd' : 'niet (meer) gepubliceerd'}.`);
      }),
    );

  plan
    .command('import')
    .description(
      'lees een JSON-plandocument in als nieuw plan, of met --plan als nieuwe inhoud van een bestaand plan (per sleutel bijgewerkt); een ongeldig document wordt geheel geweigerd',
    )
    .argument('<file>', 'het plandocument')
    .option('--plan <planId>', 'werk dit plan bij: wat dezelfde sleutel heeft blijft hetzelfde onderdeel, wat ontbreekt wordt beëindigd')
    .action(async (file: string, options: { plan?: string }) => {
      const document = await readDocument(file);
      await withServices(config(), async ({ plans, planEditing }) => {
        if (options.plan) {
          const { version } = await plans.getWorkingCopy(SYSTEM, options.plan);
          const result = await planEditing.replaceContent(SYSTEM, options.plan, document, { expected: version, match: 'exact' });
          console.log(
            result.changes.length === 0
              ? `${result.plan.title}: niets gewijzigd (versie ${result.version})`
              : `${result.plan.title}: ${result.changes.length} wijziging${result.changes.length === 1 ? '' : 'en'}, nu versie ${result.version}`,
          );
          return;
        }
        const imported = await plans.importPlan(SYSTEM, document);
        console.log(`Plan ingelezen: ${imported.title} — id ${imported.id}`);
      });
    });
}

async function readDocument(file: string): Promise<unknown> {
  const text = (await readFileWithin(file, PLAN_DOCUMENT_MAX_BYTES, 'een plandocument')).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`${file} is geen geldige JSON`, [{ path: '$', message: (error as Error).message }]);
  }
}
