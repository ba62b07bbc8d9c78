import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound, SalesforceError } from '../errors';
import type { CustomFieldMetadata } from '../org/custom-field-metadata';
import type { SandboxState } from './state';

type Req = FastifyRequest<{ Params: { version: string; id: string } }>;

/** Tooling API: CustomField create and metadata update (reads go through tooling SOQL). */
export function registerToolingRoutes(app: FastifyInstance, state: SandboxState): void {
  const table = () => state.org.setupTable('CustomField')!;
  const body = (request: Req) => {
    const value = request.body as { FullName?: unknown; Metadata?: unknown } | null;
    if (!value || typeof value !== 'object') throw new SalesforceError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
    if (value.Metadata !== undefined && (typeof value.Metadata !== 'object' || value.Metadata === null)) {
      throw new SalesforceError(400, 'JSON_PARSER_ERROR', 'Metadata must be a JSON object');
    }
    return { fullName: value.FullName, metadata: value.Metadata as CustomFieldMetadata | undefined };
  };

  app.post('/services/data/:version/tooling/sobjects/CustomField', async (request: Req, reply: FastifyReply) => {
    const { fullName, metadata } = body(request);
    if (!metadata) throw new SalesforceError(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [Metadata]', ['Metadata']);
    const row = state.org.createCustomField(fullName, metadata);
    return reply.status(201).send({ id: row.Id, success: true, errors: [], warnings: [], infos: [] });
  });

  app.patch('/services/data/:version/tooling/sobjects/CustomField/:id', async (request: Req, reply: FastifyReply) => {
    const row = table().find(request.params.id);
    if (!row) throw notFound();
    const { fullName, metadata } = body(request);
    if (fullName !== undefined && fullName !== row.FullName) {
      throw new SalesforceError(400, 'FIELD_INTEGRITY_EXCEPTION', 'FullName cannot be changed by an update', ['FullName']);
    }
    if (metadata) state.org.updateCustomField(row, metadata);
    return reply.status(204).send();
  });
}
