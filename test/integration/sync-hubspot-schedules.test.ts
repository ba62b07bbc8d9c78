import { crmConfigSchema } from '../../src/config/crm.schema';
import { registry } from '../../src/metrics';
import { upsertSchedules } from '../../src/queue/schedules';
import { JOB } from '../../src/queue/queues';
import { until } from '../support/records';
import { SyncHarness } from '../support/sync-harness';

describe('schedules', () => {
  const h = new SyncHarness('hubspot');
  beforeAll(async () => {
    await h.start({ companies: 40, contacts: 80 });
    const adapter = await h.adapter();
    await adapter.setup({ personas: h.config.personas.personas, lists: false });
    await adapter.close();
  });
  afterAll(() => h.close());

  it('job schedulers with fixed ids: upserting from every worker leaves one of each, and scheduled runs complete', async () => {
    const crm = crmConfigSchema.parse({ schedules: { incremental: { every: '1h' }, full: { pattern: '0 2 * * *', tz: 'Europe/Paris' } } });
    await upsertSchedules(h.queue, crm, ['hubspot']);
    await upsertSchedules(h.queue, crm, ['hubspot']);
    const schedulers = await h.queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(['schedule:hubspot:full', 'schedule:hubspot:incremental']);

    // An `every` schedule fires at once: the first scheduled run is a full one (no baseline yet).
    let runId: string | undefined;
    for (let i = 0; i < 100 && !runId; i++) {
      runId = (await h.runs.recent(5)).find((r) => r.id.startsWith('repeat:schedule:hubspot:incremental'))?.id;
      if (!runId) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const summary = await h.waitFor(runId!);
    expect(summary).toMatchObject({ status: 'completed', mode: 'full' });
    expect(summary.companies.written).toBe(40);
    expect(await registry.getSingleMetricAsString('icp_sync_records_total')).toMatch(/object="companies",outcome="written"} 40/);

    const disabled = crmConfigSchema.parse({ schedules: { incremental: { every: '1h', enabled: false }, full: { pattern: '0 2 * * *', enabled: false } } });
    await upsertSchedules(h.queue, disabled, ['hubspot']);
    expect(await h.queue.getJobSchedulers()).toEqual([]);
  });

  it('a scheduled incremental run is skipped while another run of the CRM goes; a manual one waits', async () => {
    // A run that is still going: its orchestrator job exists and is not finished.
    const busy = await h.queue.add('sync-run-placeholder', {}, { jobId: 'busy-run', delay: 60_000 });
    await h.redis.set(`icp:${h.queueName}:hubspot:active-run`, busy.id!);
    const crm = crmConfigSchema.parse({ schedules: { incremental: { every: '1h' }, full: { pattern: '0 2 * * *', enabled: false } } });
    await upsertSchedules(h.queue, crm, ['hubspot']);
    let scheduledId: string | undefined;
    await until(async () => {
      const done = await h.queue.getJobs(['completed'], 0, 100);
      scheduledId = done.find((j) => j.id?.startsWith('repeat:schedule:hubspot:incremental') && j.timestamp > busy.timestamp)?.id;
      return scheduledId !== undefined;
    });
    expect(await h.runs.get(scheduledId!)).toBeUndefined();
    await h.queue.removeJobScheduler('schedule:hubspot:incremental');

    const manual = await h.queue.add(JOB.syncRun, { crm: 'hubspot', mode: 'incremental' }, { jobId: 'run-manual-while-busy' });
    await until(async () => (await manual.getState()) === 'delayed');
    await busy.remove();
    await manual.promote();
    const summary = await h.waitFor(manual.id!);
    expect(summary.status).toBe('completed');
  });
});
