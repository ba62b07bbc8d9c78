import type { Redis } from 'ioredis';
import type { IcpConfig } from '../config/icp.schema';
import { modelVersion } from '../config/model-version';
import type { Persona, PersonasConfig } from '../config/personas.schema';
import { compileIcp, type IcpScorer } from '../scoring/icp';
import { compilePersonas, type PersonaClassifier } from '../scoring/personas';
import { compileTal, type CompiledTal } from '../scoring/tal';
import { EngineError } from './engine.error';
import type { Keys } from './keys';

/** What results depend on: the ICP and the personas (crm.yaml belongs to the deployment). */
export interface ModelConfig {
  icp: IcpConfig;
  personas: PersonasConfig;
}

/** A configuration compiled for scoring, identified by its version (the hash of both files). */
export interface Model extends ModelConfig {
  version: string;
  score: IcpScorer;
  classify: PersonaClassifier;
  tal: CompiledTal;
  keyPersonas: Persona[];
  /** tal.maxSize: membership needs every company scored (the run's TAL step). */
  rankedTal: boolean;
}

export function compileModel(config: ModelConfig): Model {
  return {
    icp: config.icp,
    personas: config.personas,
    version: modelVersion(config.icp, config.personas),
    score: compileIcp(config.icp),
    classify: compilePersonas(config.personas),
    tal: compileTal(config.icp.tal),
    keyPersonas: config.personas.personas.filter((p) => p.key),
    rankedTal: config.icp.tal?.maxSize !== undefined,
  };
}

/** Configurations stay this long after the last run that used them started. */
const MODEL_TTL_SECONDS = 30 * 24 * 3600;

/** Keeps a configuration in Redis for the runs started with it; returns its version. */
export async function saveModel(redis: Pick<Redis, 'set'>, k: Keys, config: ModelConfig): Promise<string> {
  const version = modelVersion(config.icp, config.personas);
  await redis.set(k.model(version), JSON.stringify({ icp: config.icp, personas: config.personas }), 'EX', MODEL_TTL_SECONDS);
  return version;
}

/**
 * The configurations runs were started with, by version, so that whichever worker takes a run's
 * jobs scores it with the configuration it was started with (`sync --config DIR` while the
 * workers were started with another one), never silently with its own.
 */
export class ModelStore {
  private readonly compiled = new Map<string, Promise<Model>>();

  constructor(
    private readonly redis: Redis,
    private readonly k: Keys,
    own: Model,
  ) {
    this.compiled.set(own.version, Promise.resolve(own));
  }

  /** Keeps a configuration for the runs started with it; returns its version. */
  save(config: ModelConfig): Promise<string> {
    return saveModel(this.redis, this.k, config);
  }

  get(version: string): Promise<Model> {
    let model = this.compiled.get(version);
    if (!model) {
      model = this.load(version);
      this.compiled.set(version, model);
      model.catch(() => this.compiled.delete(version));
    }
    return model;
  }

  private async load(version: string): Promise<Model> {
    const raw = await this.redis.get(this.k.model(version));
    if (!raw) {
      throw new EngineError(
        'MODEL_MISSING',
        `this run was started with configuration ${version}, which is not in Redis any more: start the run again (\`icp-sync sync\`), with the --config folder you mean`,
      );
    }
    const model = compileModel(JSON.parse(raw) as ModelConfig);
    if (model.version !== version) throw new EngineError('MODEL_MISSING', `configuration ${version} in Redis hashes to ${model.version}: start the run again`);
    return model;
  }
}
