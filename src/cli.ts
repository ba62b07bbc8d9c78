import { Command, CommanderError, Option } from 'commander';
import dotenv from 'dotenv';
import { ConfigError } from './config/config.error';
import { writeJsonSchemas } from './config/json-schema';
import { DEFAULT_CONFIG_DIR, loadConfig } from './config/load';

const configOption = () => new Option('--config <dir>', 'folder with icp.yaml, personas.yaml, crm.yaml').env('ICP_CONFIG_DIR');

function buildProgram(): Command {
  const program = new Command('icp-sync')
    .description('ICP-fit and persona scoring for HubSpot and Salesforce')
    .exitOverride()
    .showHelpAfterError();

  program
    .command('score')
    .description('score companies (JSON lines or CSV) offline: one JSON line per company')
    .addOption(configOption())
    .option('--input <file>', 'input file (default: stdin)')
    .action(async (opts) => {
      const { scoreCommand } = await import('./commands/score.command');
      process.exitCode = await scoreCommand(loadConfig(opts.config), opts);
    });

  program
    .command('classify')
    .description('classify contacts (JSON lines) or raw titles offline: seniority, function, persona, buying role')
    .addOption(configOption())
    .option('--input <file>', 'input file (default: stdin)')
    .option('--titles', 'one raw job title per line')
    .action(async (opts) => {
      const { classifyCommand } = await import('./commands/classify.command');
      process.exitCode = await classifyCommand(loadConfig(opts.config), opts);
    });

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
        process.exitCode = err.exitCode === 0 ? 0 : 2;
        return;
      }
      if (err instanceof ConfigError) {
        console.error(`config error:\n${err.message}`);
        process.exitCode = 2;
        return;
      }
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    });
}
