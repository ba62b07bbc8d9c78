import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './config.error';
import { crmConfigSchema, type CrmConfig } from './crm.schema';
import { icpConfigSchema, type IcpConfig } from './icp.schema';
import { formatIssues } from './issues';
import { modelVersion } from './model-version';
import { personasConfigSchema, type PersonasConfig } from './personas.schema';

export interface Config {
  dir: string;
  icp: IcpConfig;
  personas: PersonasConfig;
  crm: CrmConfig;
  /** Hash of what changes results (ICP and personas): written as icp_model_version. */
  modelVersion: string;
}

export const DEFAULT_CONFIG_DIR = path.resolve(__dirname, '../../config');

function readYaml(file: string, optional: boolean): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (optional && (err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`${file}: cannot read the file (${(err as Error).message}); set --config or ICP_CONFIG_DIR to the folder holding icp.yaml and personas.yaml`);
  }
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ConfigError(`${file}: not valid YAML: ${doc.errors[0].message}`);
  }
  return doc.toJS() ?? {};
}

export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, source: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ConfigError(formatIssues(source, result.error.issues, input));
  return result.data;
}

/**
 * Reads and validates the three config files of `dir` (the CLI's --config / ICP_CONFIG_DIR, else
 * DEFAULT_CONFIG_DIR) once; throws ConfigError (exit code 2) on any problem.
 */
export function loadConfig(dir: string): Config {
  const at = (name: string) => path.join(dir, name);
  const icp = parseConfig(icpConfigSchema, readYaml(at('icp.yaml'), false), at('icp.yaml'));
  const personas = parseConfig(personasConfigSchema, readYaml(at('personas.yaml'), false), at('personas.yaml'));
  const crm = parseConfig(crmConfigSchema, readYaml(at('crm.yaml'), true), at('crm.yaml'));
  return { dir, icp, personas, crm, modelVersion: modelVersion(icp, personas) };
}

/**
 * A config to backtest beside the current one: a folder with icp.yaml (and personas.yaml, else the
 * current personas), or an icp.yaml file itself.
 */
export function loadCandidateConfig(target: string, current: Config): Config {
  let isFile = false;
  try {
    isFile = statSync(target).isFile();
  } catch (err) {
    throw new ConfigError(`${target}: cannot read the candidate (${(err as Error).message}); --candidate takes a folder holding icp.yaml, or an icp.yaml file`);
  }
  const dir = isFile ? path.dirname(target) : target;
  const icpFile = isFile ? target : path.join(dir, 'icp.yaml');
  const icp = parseConfig(icpConfigSchema, readYaml(icpFile, false), icpFile);
  const personasFile = path.join(dir, 'personas.yaml');
  const personasInput = isFile ? {} : readYaml(personasFile, true);
  const personas =
    personasInput && typeof personasInput === 'object' && Object.keys(personasInput).length
      ? parseConfig(personasConfigSchema, personasInput, personasFile)
      : current.personas;
  return { dir, icp, personas, crm: current.crm, modelVersion: modelVersion(icp, personas) };
}
