import type { BatchError } from './errors';
import type { ObjectType } from './object-types';

/**
 * A portal's property validation rule (Settings > Properties > a property > Validation rules):
 * HubSpot's UI enforces them, and API writes too since 2026-09.
 */
export interface ValidationRule {
  /** The value must match this regular expression (whole value). */
  pattern?: string;
  maxLength?: number;
  minLength?: number;
  /** Shown in the error, as the portal admin wrote it. */
  message?: string;
}

export class ValidationRules {
  private rules = new Map<string, ValidationRule>();

  set(type: ObjectType, property: string, rule: ValidationRule): void {
    if (rule.pattern !== undefined) new RegExp(rule.pattern);
    this.rules.set(`${type}.${property}`, rule);
  }

  reset(): void {
    this.rules.clear();
  }

  /** The error of one record whose values break a rule, or null. */
  check(type: ObjectType, id: string, values: Record<string, string>): BatchError | null {
    const broken: Array<{ name: string; message: string }> = [];
    for (const [name, value] of Object.entries(values)) {
      const rule = this.rules.get(`${type}.${name}`);
      if (!rule || value === '') continue;
      const fails =
        (rule.pattern !== undefined && !new RegExp(`^(?:${rule.pattern})$`).test(value)) ||
        (rule.maxLength !== undefined && value.length > rule.maxLength) ||
        (rule.minLength !== undefined && value.length < rule.minLength);
      if (fails) broken.push({ name, message: rule.message ?? `${JSON.stringify(value.slice(0, 80))} does not meet the property's validation rules` });
    }
    if (broken.length === 0) return null;
    return {
      status: 'error',
      category: 'VALIDATION_ERROR',
      message: `Property values were not valid: ${broken.map((b) => `${b.name}: ${b.message}`).join('; ')}`,
      context: { ids: [id] },
      errors: broken.map((b) => ({ message: b.message, code: 'INVALID_PROPERTY_VALIDATION_RULE', context: { propertyName: [b.name] } })),
    };
  }
}
