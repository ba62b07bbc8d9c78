import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import dotenv from 'dotenv';
import { ConfigError } from './config/config.error';
import { parseEnv, parseLogLevel, parseQueueEnv, type AppEnv, type QueueEnv } from './config/env.schema';
import { writeJsonSchemas } from './config/json-schema';
import { DEFAULT_CONFIG_DIR, loadConfig, type Config } from './config/load';
import { CRM_NAMES } from './crm/adapter';
import { CrmError } from './crm/crm.error';
import { InterruptedError } from './commands/interrupted.error';
import { OutputClosedError } from './io/lines';
import { UsageError } from './io/usage.error';
import { RedisUnavailableError } from './queue/connection';
import { version } from '../package.json';

const configOption = () => new Option('--config <dir>', 'folder with icp.yaml, personas.yaml, crm.yaml').env('ICP_CONFIG_DIR');
const crmOption = () => new Option('--crm <crm>', 'CRM').choices(CRM_NAMES as string[]).makeOptionMandatory();

function int(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function positiveInt(value: string): number {
  const n = int(value);
  if (n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

/** The environment, parsed once here (after dotenv) and passed down: nothing below reads process.env. */
const environment = (): AppEnv => parseEnv(process.env);
/** Its queue variables alone, for commands that need no credentials (whatever else the environment holds). */
const queueEnvironment = (): QueueEnv => parseQueueEnv(process.env);
/** The config folder: --config, else ICP_CONFIG_DIR (the option's env), else the embedded default. */
const config = (opts: { config?: string }): Config => loadConfig(opts.config || DEFAULT_CONFIG_DIR);

// Commander hands options as parsed by the declarations above each action.
const run =
  <O>(action: (opts: O) => Promise<number>) =>
  async (opts: O) => {
    process.exitCode = await action(opts);
  };

function buildProgram(): Command {
  const program = new Command('icp-sync')
    .description('ICP-fit and persona scoring for HubSpot and Salesforce, written back as CRM properties')
    .version(version)
    .exitOverride()
    .showHelpAfterError()
    // LOG_LEVEL, before any command logs (a bad value is a config error, exit 2).
    .hook('preAction', async () => (await import('./log')).setLogLevel(parseLogLevel(process.env)));

  program
    .command('score')
    .description('score companies (JSON lines or CSV) offline: one JSON line per company')
    .addOption(configOption())
    .option('--input <file>', 'input file (default: stdin)')
    .action(run(async (opts: any) => (await import('./commands/score.command')).scoreCommand(config(opts), opts)));

  program
    .command('classify')
    .description('classify contacts (JSON lines) or raw titles offline: seniority, function, persona, buying role')
    .addOption(configOption())
    .option('--input <file>', 'input file (default: stdin)')
    .option('--titles', 'one raw job title per line')
    .action(run(async (opts: any) => (await import('./commands/classify.command')).classifyCommand(config(opts), opts)));

  program
    .command('setup')
    .description('create the icp_sync properties / custom fields in the CRM (idempotent)')
    .addOption(configOption())
    .addOption(crmOption())
    .option('--lists', 'also create the list views "ICP: Tier 1" and "ICP: Target accounts"')
    .action(run(async (opts: any) => (await import('./commands/setup.command')).setupCommand(config(opts), environment(), opts)));

  program
    .command('sync')
    .description('enqueue a sync run (incremental by default)')
    .addOption(configOption())
    .addOption(crmOption())
    .option('--full', 'every record, not only those modified since the last successful run')
    .option('--dry-run', 'write nothing; print the before/after of every change')
    .option('--wait', 'follow the run and print its summary (processes it here when no worker runs)')
    .option('--json', 'print the summary as JSON')
    .action(run(async (opts: any) => (await import('./commands/sync.command')).syncCommand(config(opts), environment(), opts)));

  program
    .command('rescore')
    .description('re-score companies now, writing even unchanged values')
    .addOption(configOption())
    .addOption(crmOption())
    .option('--company <id...>', 'company / account ids')
    .addOption(new Option('--all', 'every company').conflicts('company'))
    .option('--wait', 'follow the run and print its summary')
    .option('--json', 'print the summary as JSON')
    .action(
      run(async (opts: any) => {
        if (!opts.company?.length && !opts.all) throw new CommanderError(2, 'icp-sync.usage', 'rescore needs --company ID... or --all');
        return (await import('./commands/sync.command')).rescoreCommand(config(opts), environment(), opts);
      }),
    );

  program
    .command('runs')
    .description('recent runs and their summaries')
    .option('--limit <n>', 'how many', int, 10)
    .option('--json', 'JSON lines')
    .action(run(async (opts: any) => (await import('./commands/sync.command')).runsCommand(queueEnvironment(), opts)));

  program
    .command('validate')
    .description('backtest the ICP against closed deals: win rate and lift by tier, TAL, criterion and persona; read-only')
    .addOption(configOption())
    .addOption(new Option('--crm <crm>', 'read companies, contacts and closed deals from this CRM').choices(CRM_NAMES as string[]))
    .option('--companies <file>', 'offline: companies export (CSV or JSON lines)')
    .option('--deals <file>', 'offline: deals export (CSV or JSON lines)')
    .option('--contacts <file>', 'offline: contacts export, for persona presence')
    .option('--months <n>', 'closed within this many months', int, 24)
    .option('--candidate <dir>', 'also backtest this config (a folder with icp.yaml, or an icp.yaml file)')
    .option('--suggest <file>', 'write a candidate icp.yaml with weights re-fitted to the deals')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--json', 'print the report as one JSON document')
    .action(run(async (opts: any) => (await import('./commands/validate.command')).validateCommand(config(opts), environment(), opts)));

  program
    .command('worker')
    .description('run the job processors, the schedules and the HTTP server (POST /rescore, /hooks/hubspot, /healthz, /metrics)')
    .addOption(configOption())
    .option('--concurrency <n>', 'jobs at a time in this process, 1 or more (batch jobs mostly wait on the CRM)', positiveInt, 8)
    .option('--no-schedules', 'do not upsert the schedules of crm.yaml')
    .addOption(new Option('--port <n>', 'HTTP port').env('ICP_SYNC_HTTP_PORT').argParser(int).default(8080))
    .action(run(async (opts: any) => (await import('./commands/worker.command')).workerCommand(config(opts), environment(), opts)));

  program
    .command('sandbox')
    .description('local HubSpot or Salesforce API emulator with seeded data')
    .addOption(crmOption())
    .option('--port <n>', 'port (0 picks a free one)', int, 0)
    .option('--host <host>', 'interface', '127.0.0.1')
    .option('--companies <n>', 'seeded companies', int, 500)
    .option('--contacts <n>', 'seeded contacts', int, 1500)
    .option('--deals <n>', 'seeded deals / opportunities (default: two per company)', int)
    .option('--seed <n>', 'data seed', int, 42)
    .option('--rate-limit <max/seconds>', 'rolling-window limit per token, e.g. 190/10')
    .option('--daily-limit <n>', 'HubSpot: requests per token per day (X-HubSpot-RateLimit-Daily)', int)
    .option('--faults <spec>', 'fault rates, e.g. 429=0.05,500=0.02,timeout=0.01,partial=0.02')
    .option('--latency <ms>', 'added latency per request', int)
    .option('--token <token>', 'accept only this bearer token')
    .action(run(async (opts: any) => (await import('./commands/sandbox.command')).sandboxCommand(opts)));

  program
    .command('demo')
    .description('the embedded default: CRM sandbox + real queue + setup + one full sync + summary')
    .addOption(configOption())
    .addOption(new Option('--crm <crm>', 'CRM to emulate').choices(CRM_NAMES as string[]).default('hubspot'))
    .option('--companies <n>', 'seeded companies', int, 500)
    .option('--contacts <n>', 'seeded contacts', int, 1500)
    .option('--seed <n>', 'data seed', int, 42)
    .action(run(async (opts: any) => (await import('./commands/demo.command')).demoCommand(config(opts), queueEnvironment(), opts)));

  program
    .command('schema', { hidden: true })
    .description('write the JSON Schemas of the config files into the config folder')
    .option('--out <dir>', 'folder', DEFAULT_CONFIG_DIR)
    .action((opts) => {
      for (const file of writeJsonSchemas(opts.out)) console.log(`wrote ${file}`);
    });

  return program;
}

export function main(argv: string[]): void {
  dotenv.config({ quiet: true });
  buildProgram()
    .parseAsync(argv)
    .catch((err: unknown) => {
      if (err instanceof CommanderError) {
        if (err.code === 'icp-sync.usage') console.error(`error: ${err.message}`);
        process.exitCode = err.exitCode === 0 ? 0 : 2;
      } else if (err instanceof OutputClosedError) {
        process.exitCode = 0;
      } else if (err instanceof InterruptedError) {
        console.error(err.message);
        process.exitCode = err.signal === 'SIGINT' ? 130 : 143;
      } else if (err instanceof UsageError) {
        console.error(`error: ${err.message}`);
        process.exitCode = 2;
      } else if (err instanceof ConfigError) {
        console.error(`config error:\n${err.message}`);
        process.exitCode = 2;
      } else if (err instanceof CrmError && err.code === 'AUTH') {
        console.error(`error: ${err.message}`);
        process.exitCode = 2;
      } else if (err instanceof RedisUnavailableError || err instanceof CrmError) {
        console.error(`error: ${err.message}`);
        process.exitCode = 1;
      } else {
        console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
        process.exitCode = 1;
      }
    });
}
