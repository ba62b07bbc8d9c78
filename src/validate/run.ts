import type { IcpConfig } from '../config/icp.schema';
import { modelVersion } from '../config/model-version';
import { validateConfig, type ValidationConfig, type ValidationData, type ValidationResult } from './report';
import { suggestIcp } from './suggest';
import type { ValidationReport } from './types';
import type { Window } from './window';

export interface ValidationRun {
  report: ValidationReport;
  current: ValidationResult;
  /** The candidate's own result, when there is one (a --candidate config, else the suggestion). */
  candidate?: ValidationResult;
  /** The suggested icp.yaml, when asked for and the deals allow one. */
  suggestion?: IcpConfig;
}

/**
 * One validation: the current config, optionally a suggestion re-fitted to the deals, and a
 * candidate scored on the same companies and deals. Without an explicit candidate, the suggestion
 * is the candidate, so that both columns show what adopting it would change.
 */
export function runValidation(options: {
  current: ValidationConfig;
  candidate?: ValidationConfig;
  suggest: boolean;
  data: ValidationData;
  window: Window;
}): ValidationRun {
  const current = validateConfig(options.current, options.data, options.window);
  const suggestion = options.suggest ? (suggestIcp(options.current.icp, options.data.companies, current.companies) ?? undefined) : undefined;
  const candidateConfig =
    options.candidate ??
    (suggestion && { icp: suggestion, personas: options.current.personas, modelVersion: modelVersion(suggestion, options.current.personas) });
  const candidate = candidateConfig ? validateConfig(candidateConfig, options.data, options.window) : undefined;
  const report: ValidationReport = candidate ? { ...current.report, candidate: candidate.report } : current.report;
  return { report, current, candidate, suggestion };
}
