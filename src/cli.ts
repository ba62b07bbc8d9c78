import { Command } from 'commander';

export function main(argv: string[]): void {
  const program = new Command('icp-sync');
  program.description('ICP-fit and persona scoring for HubSpot and Salesforce');
  program.parseAsync(argv).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
