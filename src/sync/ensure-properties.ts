import type { CrmName } from '../crm/adapter';
import { CrmError } from '../crm/crm.error';
import type { SyncContext } from './context';
import type { Model } from './model';

/**
 * Makes sure the CRM has our properties / fields, with the options of the current personas, before
 * a run writes: once per configuration (model version), so `sync` works on a fresh portal and a
 * persona added to personas.yaml gets its option without anyone running `setup`.
 * A token without schema scopes cannot check: the run goes on, and a missing property would stop
 * it at the first write with the fix.
 */
export async function ensureProperties(ctx: SyncContext, crm: CrmName, model: Model): Promise<void> {
  const key = ctx.keys.propertiesEnsured(crm);
  if ((await ctx.redis.get(key)) === model.version) return;
  const adapter = await ctx.adapter(crm);
  try {
    const report = await adapter.setup({ personas: model.personas.personas, lists: false });
    if (report.created.length || report.updated.length) ctx.logger.info({ crm, created: report.created, updated: report.updated }, 'CRM properties set up');
  } catch (err) {
    // 403: a token without the schema scopes (401, a bad token, stops the run as usual).
    if (!(err instanceof CrmError) || err.code !== 'AUTH' || err.details.status !== 403) throw err;
    ctx.logger.warn({ crm, err: err.message }, 'cannot check the CRM properties with this token; run `icp-sync setup` with an admin token if writes fail');
    return;
  }
  await ctx.redis.set(key, model.version);
}

/** A missing property seen by a run: check again next time. */
export async function forgetEnsured(ctx: SyncContext, crm: CrmName): Promise<void> {
  await ctx.redis.del(ctx.keys.propertiesEnsured(crm));
}
