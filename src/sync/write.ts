import type { CrmAdapter, ObjectKind, RecordUpdate, WriteResult } from '../crm/adapter';
import { CrmError } from '../crm/crm.error';
import { chunk } from './chunk';

/**
 * Writes any number of updates in the adapter's batches, all at once (the shared limiter paces
 * them). A batch that still fails after the request layer's retries with a transient error (an
 * outage, a rate limit) makes its records retryable, without losing the other batches' results;
 * any other error (credentials, a missing property, the daily limit) stops the job as it is.
 */
export async function writeAll(adapter: CrmAdapter, kind: ObjectKind, updates: RecordUpdate[]): Promise<WriteResult[]> {
  const batches = chunk(updates, adapter.batchSize);
  const settled = await Promise.allSettled(batches.map((batch) => writeIsolating(adapter, kind, batch)));
  const fatal = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected' && !(s.reason instanceof CrmError && s.reason.retryable));
  if (fatal) throw fatal.reason;
  return settled.flatMap((s, i) =>
    s.status === 'fulfilled' ? s.value : batches[i].map((u) => ({ id: u.id, ok: false, error: { message: (s.reason as Error).message, retryable: true } })),
  );
}

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
