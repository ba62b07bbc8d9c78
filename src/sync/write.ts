import type { CrmAdapter, ObjectKind, RecordUpdate, WriteResult } from '../crm/adapter';
import { CrmError } from '../crm/crm.error';

/**
 * Writes one batch; when the CRM rejects the whole batch for one record (HubSpot answers 400 for a
 * bad value, 404 for a record deleted since it was read), splits it and retries the halves so the good records are still written and the
 * bad one is named. Other errors propagate (rate limits, outages: the job retries).
 */
export async function writeIsolating(adapter: CrmAdapter, kind: ObjectKind, updates: RecordUpdate[]): Promise<WriteResult[]> {
  if (!updates.length) return [];
  try {
    return await adapter.update(kind, updates);
  } catch (err) {
    // A deleted or merged record can also fail the whole batch (404): isolate it the same way.
    if (!(err instanceof CrmError) || (err.code !== 'VALIDATION' && err.code !== 'NOT_FOUND')) throw err;
    if (updates.length === 1) return [{ id: updates[0].id, ok: false, error: { message: err.message, retryable: false } }];
    const half = Math.ceil(updates.length / 2);
    return [...(await writeIsolating(adapter, kind, updates.slice(0, half))), ...(await writeIsolating(adapter, kind, updates.slice(half)))];
  }
}
