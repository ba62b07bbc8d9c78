import type { FastifyInstance } from 'fastify';
import { pathsOf, type ApiVersion } from '../api-versions';
import { objectTypeOf } from '../object-types';
import type { HubSpotState } from '../state';

type Params = { objectType: string; propertyName: string; groupName: string };
type Body = Record<string, unknown>;

export function propertyRoutes(app: FastifyInstance, state: HubSpotState, version: ApiVersion): void {
  const base = pathsOf(version).properties;
  const { properties } = state;
  const type = (params: Params) => objectTypeOf(params.objectType);
  const body = (raw: unknown): Body => (raw && typeof raw === 'object' ? (raw as Body) : {});

  app.get<{ Params: Params }>(`${base}/:objectType`, async (req) => ({ results: properties.list(type(req.params)) }));
  app.post<{ Params: Params }>(`${base}/:objectType`, async (req, reply) => reply.code(201).send(properties.create(type(req.params), body(req.body))));
  app.get<{ Params: Params }>(`${base}/:objectType/groups`, async (req) => ({ results: properties.listGroups(type(req.params)) }));
  app.post<{ Params: Params }>(`${base}/:objectType/groups`, async (req, reply) => reply.code(201).send(properties.createGroup(type(req.params), body(req.body))));
  app.get<{ Params: Params }>(`${base}/:objectType/:propertyName`, async (req) => properties.find(type(req.params), req.params.propertyName));
  app.patch<{ Params: Params }>(`${base}/:objectType/:propertyName`, async (req) => properties.update(type(req.params), req.params.propertyName, body(req.body)));
}
