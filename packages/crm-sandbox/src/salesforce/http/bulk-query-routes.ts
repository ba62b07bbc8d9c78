import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { compileSoql } from '../soql/compile';
import { execute } from '../soql/execute';
import { parseSoql } from '../soql/parser';
import { DELIMITERS, LINE_ENDINGS, invalidJob, jobFormat, jobInfo, quote, type QueryJob } from './bulk-jobs';
import { csvText } from './format';
import type { SandboxState } from './state';

type Req = FastifyRequest<{ Params: { version: string; id: string }; Querystring: { maxRecords?: string; locator?: string } }>;

/** Without maxRecords a results page holds this many rows; Salesforce sizes pages by bytes instead. */
const DEFAULT_PAGE = 50_000;

export function registerBulkQueryRoutes(app: FastifyInstance, state: SandboxState): void {
  const find = (request: Req): QueryJob => {
    const job = state.bulk.query.get(request.params.id);
    if (!job) throw invalidJob(`Unable to find job with ID: ${request.params.id}`, 404);
    return job;
  };

  /** Each status check moves the job one step: UploadComplete -> InProgress -> JobComplete. */
  const advance = (job: QueryJob): void => {
    if (job.state === 'UploadComplete') {
      job.state = 'InProgress';
      job.startedAt = Date.now();
    } else if (job.state === 'InProgress') {
      job.rows = execute(job.query);
      job.state = 'JobComplete';
      job.finishedAt = Date.now();
    } else return;
    job.systemModstamp = state.org.now();
  };

  const completeInfo = (job: QueryJob) =>
    jobInfo(state.org.userId, job, {
      jobType: 'V2Query',
      numberRecordsProcessed: job.rows?.length ?? 0,
      retries: 0,
      totalProcessingTime: job.finishedAt && job.startedAt ? job.finishedAt - job.startedAt : 0,
      isPkChunkingSupported: true,
    });

  app.post('/services/data/:version/jobs/query', async (request: Req) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body.operation !== 'query' && body.operation !== 'queryAll') throw invalidJob(`Invalid operation: ${String(body.operation)}`);
    if (typeof body.query !== 'string' || !body.query.trim()) throw invalidJob('Invalid query: a query is required');
    const format = jobFormat(body);
    const parsed = parseSoql(body.query);
    if (parsed.select === 'count' || parsed.offset !== undefined) {
      throw invalidJob('Bulk API 2.0 does not support aggregate functions such as COUNT() or the OFFSET clause');
    }
    const query = compileSoql(body.query, (name) => state.org.table(name));
    state.bulkQueryJobs += 1;
    const now = state.org.now();
    const job: QueryJob = {
      id: state.bulk.nextId(), operation: body.operation, object: query.table.name, state: 'UploadComplete', createdDate: now,
      systemModstamp: now, apiVersion: Number(request.params.version.slice(1)), ...format, query,
    };
    state.bulk.query.set(job.id, job);
    return jobInfo(state.org.userId, job);
  });

  app.get('/services/data/:version/jobs/query', async () => ({
    done: true,
    records: [...state.bulk.query.values()].map((job) => jobInfo(state.org.userId, job, { jobType: 'V2Query' })),
    nextRecordsUrl: null,
  }));

  app.get('/services/data/:version/jobs/query/:id', async (request: Req) => {
    const job = find(request);
    advance(job);
    return completeInfo(job);
  });

  app.patch('/services/data/:version/jobs/query/:id', async (request: Req) => {
    const job = find(request);
    if ((request.body as { state?: unknown } | null)?.state !== 'Aborted') throw invalidJob('Only state Aborted can be set on a query job');
    if (job.state === 'JobComplete' || job.state === 'Failed') throw invalidJob(`Job ${job.id} is already ${job.state}`);
    job.state = 'Aborted';
    return completeInfo(job);
  });

  app.delete('/services/data/:version/jobs/query/:id', async (request: Req, reply: FastifyReply) => {
    state.bulk.query.delete(find(request).id);
    return reply.status(204).send();
  });

  app.get('/services/data/:version/jobs/query/:id/results', async (request: Req, reply: FastifyReply) => {
    const job = find(request);
    if (job.state !== 'JobComplete' || !job.rows || job.query.columns === 'count') throw invalidJob(`Job ${job.id} is not complete: its state is ${job.state}`);
    const { maxRecords, locator } = request.query;
    const pageSize = maxRecords === undefined ? DEFAULT_PAGE : Number(maxRecords);
    if (!Number.isInteger(pageSize) || pageSize < 1) throw invalidJob(`Invalid maxRecords: ${maxRecords}`);
    const start = locator === undefined ? 0 : Number(Buffer.from(locator, 'base64').toString('utf8'));
    if (!Number.isInteger(start) || start < 0 || start > job.rows.length || (locator !== undefined && !/^[A-Za-z0-9+/=]+$/.test(locator))) {
      throw invalidJob(`Invalid locator: ${locator}`);
    }
    const end = Math.min(job.rows.length, start + pageSize);
    const columns = job.query.columns;
    const delimiter = DELIMITERS[job.columnDelimiter];
    const newline = LINE_ENDINGS[job.lineEnding];
    const lines = [columns.map((c) => quote(c.name)).join(delimiter)];
    for (let k = start; k < end; k += 1) {
      const row = job.query.table.row(job.rows.at(k));
      lines.push(columns.map((c) => quote(csvText(c, row[c.name]))).join(delimiter));
    }
    return reply
      .header('Content-Type', 'text/csv')
      .header('Sforce-Locator', end < job.rows.length ? Buffer.from(String(end)).toString('base64') : 'null')
      .header('Sforce-NumberOfRecords', String(end - start))
      .send(lines.join(newline) + newline);
  });
}
