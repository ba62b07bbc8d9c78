import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { applyUpdateCsv } from '../data/ingest-csv';
import { SalesforceError } from '../errors';
import { DELIMITERS, LINE_ENDINGS, invalidJob, jobFormat, jobInfo, quote, type IngestJob } from './bulk-jobs';
import { lockDraw } from './pipeline';
import type { SandboxState } from './state';

type Req = FastifyRequest<{ Params: { version: string; id: string } }>;

export function registerBulkIngestRoutes(app: FastifyInstance, state: SandboxState): void {
  const find = (request: Req): IngestJob => {
    const job = state.bulk.ingest.get(request.params.id);
    if (!job) throw invalidJob(`Unable to find job with ID: ${request.params.id}`, 404);
    return job;
  };

  const process = (job: IngestJob): void => {
    try {
      job.results = applyUpdateCsv(state.org, job.object, job.csv ?? '', DELIMITERS[job.columnDelimiter], job.locked);
      job.state = 'JobComplete';
      state.stats.wrote(job.object, job.results.successful.length);
    } catch (error) {
      if (!(error instanceof SalesforceError)) throw error;
      job.state = 'Failed';
      job.errorMessage = error.message;
    }
  };

  /** Each status check after the upload moves the job one step: UploadComplete -> InProgress -> JobComplete. */
  const advance = (job: IngestJob): void => {
    if (job.state === 'UploadComplete') {
      job.state = 'InProgress';
      job.startedAt = Date.now();
    } else if (job.state === 'InProgress') {
      process(job);
      job.finishedAt = Date.now();
    } else return;
    job.systemModstamp = state.org.now();
  };

  const info = (request: Req, job: IngestJob) => {
    const processed = job.results ? job.results.successful.length + job.results.failed.length : 0;
    return jobInfo(state.org.userId, job, {
      ...(job.state === 'Open' ? { contentUrl: `services/data/${request.params.version}/jobs/ingest/${job.id}/batches` } : {}),
      jobType: 'V2Ingest',
      numberRecordsProcessed: processed,
      numberRecordsFailed: job.results?.failed.length ?? 0,
      retries: 0,
      totalProcessingTime: job.finishedAt && job.startedAt ? job.finishedAt - job.startedAt : 0,
      apiActiveProcessingTime: 0,
      apexProcessingTime: 0,
      ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
    });
  };

  app.post('/services/data/:version/jobs/ingest', async (request: Req) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const object = typeof body.object === 'string' ? state.org.dataObject(body.object) : undefined;
    if (!object) throw invalidJob(`Invalid object: ${String(body.object)}: this sandbox ingests Account and Contact`);
    if (body.operation !== 'update') {
      throw new SalesforceError(400, 'FEATURENOTENABLED', `Operation ${String(body.operation)} is not supported by this sandbox: only update`);
    }
    const now = state.org.now();
    const job: IngestJob = {
      id: state.bulk.nextId(), operation: 'update', object, state: 'Open', createdDate: now, systemModstamp: now,
      apiVersion: Number(request.params.version.slice(1)), ...jobFormat(body), locked: () => false,
    };
    state.bulk.ingest.set(job.id, job);
    return info(request, job);
  });

  app.put('/services/data/:version/jobs/ingest/:id/batches', async (request: Req, reply: FastifyReply) => {
    const job = find(request);
    if (job.state !== 'Open') throw new SalesforceError(400, 'INVALIDJOBSTATE', `Job ${job.id} is not Open: its state is ${job.state}`);
    if (job.csv !== undefined) {
      throw new SalesforceError(400, 'INVALIDJOBSTATE', `Found multiple contents for job: <${job.id}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`);
    }
    if (typeof request.body !== 'string') throw invalidJob('Job data must be sent as text/csv');
    job.csv = request.body;
    return reply.status(201).send();
  });

  app.patch('/services/data/:version/jobs/ingest/:id', async (request: Req) => {
    const job = find(request);
    const wanted = (request.body as { state?: unknown } | null)?.state;
    if (wanted === 'UploadComplete' && job.state === 'Open') {
      job.state = job.csv === undefined ? 'Failed' : 'UploadComplete';
      if (job.csv === undefined) job.errorMessage = 'No data was uploaded to the job';
      job.locked = lockDraw(request);
    } else if (wanted === 'Aborted' && (job.state === 'Open' || job.state === 'UploadComplete' || job.state === 'InProgress')) {
      job.state = 'Aborted';
    } else {
      throw new SalesforceError(400, 'INVALIDJOBSTATE', `Invalid state change from ${job.state} to ${String(wanted)}`);
    }
    job.systemModstamp = state.org.now();
    return info(request, job);
  });

  app.get('/services/data/:version/jobs/ingest/:id', async (request: Req) => {
    const job = find(request);
    advance(job);
    return info(request, job);
  });

  app.delete('/services/data/:version/jobs/ingest/:id', async (request: Req, reply: FastifyReply) => {
    state.bulk.ingest.delete(find(request).id);
    return reply.status(204).send();
  });

  const csv = (reply: FastifyReply, job: IngestJob, header: string[], rows: string[][]) => {
    const delimiter = DELIMITERS[job.columnDelimiter];
    const newline = LINE_ENDINGS[job.lineEnding];
    const lines = [header, ...rows].map((cells) => cells.map(quote).join(delimiter));
    return reply.header('Content-Type', 'text/csv').send(lines.join(newline) + newline);
  };
  const results = (request: Req): IngestJob => {
    const job = find(request);
    if (job.state !== 'JobComplete' && job.state !== 'Failed' && job.state !== 'Aborted') {
      throw invalidJob(`Job ${job.id} is not complete: its state is ${job.state}`);
    }
    return job;
  };

  app.get('/services/data/:version/jobs/ingest/:id/successfulResults', async (request: Req, reply: FastifyReply) => {
    const job = results(request);
    const outcome = job.results;
    return csv(reply, job, ['sf__Id', 'sf__Created', ...(outcome?.header ?? [])], (outcome?.successful ?? []).map((r) => [r.id, 'false', ...r.cells]));
  });
  app.get('/services/data/:version/jobs/ingest/:id/failedResults', async (request: Req, reply: FastifyReply) => {
    const job = results(request);
    const outcome = job.results;
    return csv(reply, job, ['sf__Id', 'sf__Error', ...(outcome?.header ?? [])], (outcome?.failed ?? []).map((r) => [r.id, r.error, ...r.cells]));
  });
  app.get('/services/data/:version/jobs/ingest/:id/unprocessedrecords', async (request: Req, reply: FastifyReply) => {
    const job = results(request);
    return csv(reply, job, job.results?.header ?? [], []);
  });
}
