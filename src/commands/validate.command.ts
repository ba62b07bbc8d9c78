import { CommanderError } from 'commander';
import { writeFileSync } from 'node:fs';
import { requireCredentials, type AppEnv, type CrmCredentials, type QueueEnv } from '../config/env.schema';
import { loadCandidateConfig, type Config } from '../config/load';
import { createAdapter } from '../crm';
import type { CrmName } from '../crm/adapter';
import { BadLines, openInput } from '../io/lines';
import { connectProducer } from '../queue/connection';
import { readCrmData } from '../validate/crm-data';
import { renderReportHtml } from '../validate/html';
import { createPersonaCollector, toContactRow, toDeal } from '../validate/records';
import type { ValidationData } from '../validate/report';
import { runValidation, type ValidationRun } from '../validate/run';
import { suggestionYaml } from '../validate/suggest';
import { formatReport } from '../validate/text';
import type { DealInput } from '../validate/types';
import { closedWindow, type Window } from '../validate/window';
import { readCompanies, readRecords } from './companies-input';

export interface ValidateOptions {
  crm?: CrmName;
  companies?: string;
  deals?: string;
  contacts?: string;
  months: number;
  candidate?: string;
  suggest?: string;
  html?: string;
  json?: boolean;
}

function usage(message: string): never {
  throw new CommanderError(2, 'icp-sync.usage', message);
}

/** The offline inputs: CSV or JSON lines exports, companies and deals required, contacts optional. */
export async function readExports(config: Config, files: { companies: string; deals: string; contacts?: string }, bad: BadLines): Promise<ValidationData> {
  const companies = [];
  for await (const company of readCompanies(openInput(files.companies), bad)) companies.push(company);
  const deals: DealInput[] = [];
  for await (const deal of readRecords(openInput(files.deals), bad, toDeal)) deals.push(deal);
  if (!files.contacts) return { companies, deals };
  const collector = createPersonaCollector(config.personas);
  for await (const contact of readRecords(openInput(files.contacts), bad, toContactRow)) collector.add(contact);
  return { companies, deals, personasFound: collector.result() };
}

/** Reads the CRM through the same adapters and the same Redis-shared request budget as sync. */
export async function readCrm(
  config: Config,
  env: Pick<QueueEnv, 'redisUrl' | 'queue'> & { credentials: CrmCredentials },
  crm: CrmName,
  window: Window,
  onApiCall?: () => void,
): Promise<ValidationData> {
  const { credentials } = env;
  requireCredentials(credentials, crm);
  const redis = await connectProducer(env.redisUrl);
  try {
    // The limiter of the sync workers of this deployment (namespaced by queue, as in src/sync/context).
    const adapter = await createAdapter(crm, { config: config.crm, credentials, redis, namespace: env.queue, onApiCall });
    try {
      return await readCrmData(adapter, config.personas, new Date(window.from), {
        onProgress: (counts) => process.stderr.write(`read ${counts.companies} companies, ${counts.contacts} contacts, ${counts.deals} closed deals\n`),
      });
    } finally {
      await adapter.close();
    }
  } finally {
    redis.disconnect();
  }
}

/** Writes what was asked for (--suggest, --html) and prints the report (--json or text). */
export function writeOutputs(run: ValidationRun, config: Config, options: ValidateOptions): string[] {
  const notes: string[] = [];
  if (options.suggest) {
    if (run.suggestion) {
      const { deals, window } = run.current.report;
      writeFileSync(options.suggest, suggestionYaml(run.suggestion, { closed: deals.closed - deals.unattributed, won: run.current.report.overall.won, from: window.from, to: window.to, current: config.icp }));
      notes.push(`wrote the suggested icp.yaml to ${options.suggest} (nothing was written to the CRM; copy it over icp.yaml to adopt it)`);
    } else {
      notes.push('no suggestion written: no closed deal in the window falls on a scored company');
    }
  }
  if (options.html) {
    writeFileSync(options.html, renderReportHtml(run));
    notes.push(`wrote the report to ${options.html}`);
  }
  return notes;
}

/** `icp-sync validate`: backtests the ICP against closed deals, from a CRM or from exports. */
export async function validateCommand(config: Config, env: AppEnv, options: ValidateOptions): Promise<number> {
  const offline = options.companies !== undefined || options.deals !== undefined || options.contacts !== undefined;
  if (options.crm && offline) usage('validate reads either a CRM (--crm) or exports (--companies, --deals, --contacts), not both');
  if (!options.crm && !offline) usage('validate needs --crm hubspot|salesforce, or --companies FILE --deals FILE [--contacts FILE]');
  if (offline && (!options.companies || !options.deals)) usage('offline validation needs both --companies FILE and --deals FILE');
  if (!Number.isInteger(options.months) || options.months < 1) usage('--months must be a whole number of months, 1 or more');
  const candidate = options.candidate ? loadCandidateConfig(options.candidate, config) : undefined;

  const window = closedWindow(new Date(), options.months);
  const bad = new BadLines();
  const data = options.crm
    ? await readCrm(config, env, options.crm, window)
    : await readExports(config, { companies: options.companies!, deals: options.deals!, contacts: options.contacts }, bad);
  const run = runValidation({ current: config, candidate, suggest: Boolean(options.suggest), data, window });
  const notes = writeOutputs(run, config, options);
  process.stdout.write(`${options.json ? JSON.stringify(run.report, null, 2) : formatReport(run.report)}\n`);
  for (const note of notes) process.stderr.write(`${note}\n`);
  return bad.count ? 1 : 0;
}
