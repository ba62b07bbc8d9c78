import type { Properties, PropertyValue } from '../crm/adapter';

/** A pending write of one record: the values to write, and the CRM's values before (for dry-run diffs). */
export interface WritePlan {
  values: Properties;
  before: Properties;
}

function isEmpty(v: PropertyValue | undefined): boolean {
  return v === null || v === undefined || v === '';
}

/** Equal as a CRM holds it: "73" = 73 = "73.0", "true" = true, "" = null. */
export function sameValue(next: PropertyValue | undefined, current: PropertyValue | undefined): boolean {
  if (isEmpty(next) || isEmpty(current)) return isEmpty(next) && isEmpty(current);
  if (typeof next === 'number' || typeof current === 'number') {
    const a = Number(next);
    const b = Number(current);
    return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) < 1e-9;
  }
  if (typeof next === 'boolean' || typeof current === 'boolean') {
    return String(next).toLowerCase() === String(current).toLowerCase();
  }
  return String(next) === String(current);
}

/**
 * The properties to write: those that differ, plus `stamp` (the scoring time) when anything does;
 * null when nothing changed. `force` writes every value (manual re-score).
 */
export function diffProperties(next: Properties, current: Properties, stamp: string, force = false): Properties | null {
  const changed: Properties = {};
  let any = false;
  for (const key in next) {
    if (key === stamp) continue;
    const value = next[key];
    if (force || !sameValue(value, current[key])) {
      changed[key] = value;
      any = true;
    }
  }
  if (!any) return null;
  if (stamp in next) changed[stamp] = next[stamp];
  return changed;
}

/** The CRM's current values of the properties a plan writes (null when it holds none). */
export function before(current: Properties, values: Properties): Properties {
  const out: Properties = {};
  for (const key in values) out[key] = current[key] ?? null;
  return out;
}

/**
 * The per-record decision: the values the scores give, against what the CRM holds now, make the
 * write (with the CRM's values before it), or null when there is nothing to write.
 */
export function planWrite(next: Properties, current: Properties, stamp: string, force = false): WritePlan | null {
  const values = diffProperties(next, current, stamp, force);
  return values ? { values, before: before(current, values) } : null;
}

/** A plan merged on top of another of the same record (the TAL step after the score step). */
export function mergePlans(first: WritePlan | undefined, then: WritePlan): WritePlan {
  if (!first) return then;
  return { values: { ...first.values, ...then.values }, before: { ...then.before, ...first.before } };
}
