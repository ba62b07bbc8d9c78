import type { FastifyInstance } from 'fastify';
import { isDated, pathsOf, type ApiVersion } from '../api-versions';
import { batchInputs } from '../batch-write';
import { validationError, type BatchError } from '../errors';
import { batchResponse } from '../format';
import { objectTypeOf, type ObjectType } from '../object-types';
import type { HubSpotState } from '../state';

/** The associations batch read (v4, and the dated versions) takes up to 1,000 inputs. */
const MAX_V4_INPUTS = 1000;
const SINGULAR: Record<ObjectType, string> = { companies: 'company', contacts: 'contact' };

/** HubSpot-defined association types between contacts and companies: primary and unlabeled. */
const TYPE_IDS: Record<ObjectType, { primary: number; unlabeled: number }> = {
  contacts: { primary: 1, unlabeled: 279 },
  companies: { primary: 2, unlabeled: 280 },
};

export function associationRoutes(app: FastifyInstance, state: HubSpotState, version: ApiVersion): void {
  const paths = pathsOf(version);
  const pair = (fromName: string, toName: string) => {
    const from = objectTypeOf(fromName);
    const to = objectTypeOf(toName);
    if (from === to) throw validationError(`No association is defined from ${from} to ${to}`);
    return { from, to };
  };
  /** Every association between a contact and its company is the primary one. */
  const associatedTo = (from: ObjectType, to: ObjectType, index: number) =>
    state.stores[from].associated(index).map((other) => ({
      // v4 answers ids as numbers, the dated versions as strings, and omit an absent label.
      toObjectId: isDated(version) ? state.stores[to].idOf(other) : Number(state.stores[to].idOf(other)),
      associationTypes: [
        { category: 'HUBSPOT_DEFINED', typeId: TYPE_IDS[from].primary, label: 'Primary' },
        isDated(version) ? { category: 'HUBSPOT_DEFINED', typeId: TYPE_IDS[from].unlabeled } : { category: 'HUBSPOT_DEFINED', typeId: TYPE_IDS[from].unlabeled, label: null },
      ],
    }));

  app.post<{ Params: { fromObjectType: string; toObjectType: string } }>(`${paths.associations}/:fromObjectType/:toObjectType/batch/read`, async (request, reply) => {
    const startedAt = new Date();
    const { from, to } = pair(request.params.fromObjectType, request.params.toObjectType);
    const inputs = batchInputs<{ id?: unknown }>(request.body, MAX_V4_INPUTS);
    const results: unknown[] = [];
    const errors: BatchError[] = [];
    for (const id of new Set(inputs.map((input) => String(input?.id ?? '')))) {
      const index = state.stores[from].indexOf(id);
      const toObjects = index < 0 ? [] : associatedTo(from, to, index);
      if (toObjects.length > 0) results.push({ from: { id }, to: toObjects });
      else {
        errors.push({
          status: 'error', category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
          message: `No ${SINGULAR[to]} is associated with ${SINGULAR[from]} ${id}.`, context: { fromObjectId: [id] },
        });
      }
    }
    const { statusCode, body } = batchResponse(state, version, startedAt, results, errors);
    return reply.code(statusCode).send(body);
  });
}
