import type { FastifyInstance } from 'fastify';
import type { Dataset, SeedDeal } from '../../seed';
import { batchInputs } from '../batch-write';
import { validationError, type BatchError } from '../errors';
import { isDated, pathsOf, type ApiVersion } from '../api-versions';
import { batchResponse, nameList, parseLimit } from '../format';
import { ID_BASE } from '../object-types';
import type { HubSpotState } from '../state';

const DEAL_ID_BASE = 29_000_000_001;
const MAX_PAGE = 100;
const MAX_V4_INPUTS = 1000;
/** HubSpot-defined deal-to-company association types: "Deal with Primary Company" and unlabeled. */
export const DEAL_TO_COMPANY = { primary: 5, unlabeled: 341 } as const;

const DEFAULT_DEAL_PROPERTIES = ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'];
const DEAL_PROPERTIES = new Set([...DEFAULT_DEAL_PROPERTIES, 'hs_is_closed', 'hs_is_closed_won']);

function stageOf(deal: SeedDeal): string {
  if (deal.closed) return deal.won ? 'closedwon' : 'closedlost';
  return ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'contractsent'][deal.index % 4];
}

/** A seeded deal as HubSpot holds it: every value a string. */
function dealProperties(deal: SeedDeal, id: string): Record<string, string | null> {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    dealname: deal.name,
    amount: deal.amount === null ? null : String(deal.amount),
    closedate: iso(deal.closeAt),
    dealstage: stageOf(deal),
    pipeline: 'default',
    hs_is_closed: String(deal.closed),
    hs_is_closed_won: String(deal.won),
    createdate: iso(deal.createdAt),
    hs_lastmodifieddate: iso(Math.max(deal.createdAt, Math.min(deal.closeAt, Date.now()))),
    hs_object_id: id,
  };
}

/** The deal's companies in HubSpot's order, with their association types. */
function companiesOf(deal: SeedDeal): Array<{ companyIndex: number; typeIds: number[] }> {
  if (deal.companyIndex === null) return [];
  if (deal.association === 'unlabeled') return [{ companyIndex: deal.companyIndex, typeIds: [DEAL_TO_COMPANY.unlabeled] }];
  const primary = { companyIndex: deal.companyIndex, typeIds: [DEAL_TO_COMPANY.primary, DEAL_TO_COMPANY.unlabeled] };
  return deal.association === 'partner-first' ? [{ companyIndex: deal.partnerIndex!, typeIds: [DEAL_TO_COMPANY.unlabeled] }, primary] : [primary];
}

/**
 * Read-only deals of the seed (dealname, amount, closedate, hs_is_closed, hs_is_closed_won,
 * dealstage, pipeline) and their company associations, at one API version: numbered (v3 / v4)
 * or dated (`/crm/objects/2026-09/deals`, `/crm/associations/2026-09/deals/companies/batch/read`).
 */
export function dealRoutes(app: FastifyInstance, state: HubSpotState, dataset: Dataset, version: ApiVersion): void {
  const paths = pathsOf(version);
  const idOf = (index: number) => String(DEAL_ID_BASE + index);
  const indexOf = (id: unknown): number => {
    const text = String(id ?? '').trim();
    if (!/^\d{1,16}$/.test(text)) return -1;
    const index = Number(text) - DEAL_ID_BASE;
    return index >= 0 && index < dataset.deals ? index : -1;
  };
  const companyId = (index: number) => String(ID_BASE.companies + index);

  const list = async (request: { query: Record<string, unknown>; url: string; headers: { host?: string } }) => {
    const { query } = request;
    const limit = parseLimit(query.limit, 10, MAX_PAGE);
    let start = 0;
    if (query.after !== undefined) {
      if (!/^\d+$/.test(String(query.after))) throw validationError(`after must be a paging cursor from a previous response, got ${String(query.after)}`);
      start = Math.max(0, Number(query.after) - DEAL_ID_BASE);
    }
    const requested = nameList(query.properties);
    const names = requested?.length ? requested.filter((n) => DEAL_PROPERTIES.has(n)) : DEFAULT_DEAL_PROPERTIES;
    const withCompanies = (nameList(query.associations) ?? []).some((n) => ['companies', 'company', '0-2'].includes(n.toLowerCase()));
    const end = String(query.archived) === 'true' ? start : Math.min(dataset.deals, start + limit);
    const results = [];
    for (let index = start; index < end; index++) {
      const deal = dataset.deal(index);
      const id = idOf(index);
      const all = dealProperties(deal, id);
      const properties = Object.fromEntries(names.map((n) => [n, all[n] ?? null]));
      const links = companiesOf(deal).flatMap(({ companyIndex, typeIds }) =>
        typeIds.map((typeId) => ({ id: companyId(companyIndex), type: typeId === DEAL_TO_COMPANY.primary ? 'deal_to_company' : 'deal_to_company_unlabeled' })),
      );
      results.push({
        id,
        properties,
        createdAt: all.createdate,
        updatedAt: all.hs_lastmodifieddate,
        archived: false,
        ...(withCompanies && links.length ? { associations: { companies: { results: links } } } : {}),
      });
    }
    if (end >= dataset.deals || results.length === 0) return { results };
    const after = idOf(end);
    const url = new URL(request.url, `http://${request.headers.host}`);
    url.searchParams.set('after', after);
    return { results, paging: { next: { after, link: url.toString() } } };
  };

  app.get<{ Querystring: Record<string, unknown> }>(`${paths.objects}/deals`, list);

  const associations = async (request: { body: unknown }, reply: { code(n: number): { send(b: unknown): unknown } }) => {
    const startedAt = new Date();
    const inputs = batchInputs<{ id?: unknown }>(request.body, MAX_V4_INPUTS);
    const results: unknown[] = [];
    const errors: BatchError[] = [];
    for (const id of new Set(inputs.map((input) => String(input?.id ?? '')))) {
      const index = indexOf(id);
      const companies = index < 0 ? [] : companiesOf(dataset.deal(index));
      if (companies.length) {
        results.push({
          from: { id },
          // v4 answers ids as numbers, the dated versions as strings, and omit an absent label.
          to: companies.map(({ companyIndex, typeIds }) => ({
            toObjectId: isDated(version) ? companyId(companyIndex) : Number(companyId(companyIndex)),
            associationTypes: typeIds.map((typeId) =>
              typeId === DEAL_TO_COMPANY.primary
                ? { category: 'HUBSPOT_DEFINED', typeId, label: 'Primary' }
                : isDated(version) ? { category: 'HUBSPOT_DEFINED', typeId } : { category: 'HUBSPOT_DEFINED', typeId, label: null },
            ),
          })),
        });
      } else {
        errors.push({
          status: 'error', category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
          message: `No company is associated with deal ${id}.`, context: { fromObjectId: [id] },
        });
      }
    }
    const { statusCode, body } = batchResponse(state, version, startedAt, results, errors);
    return reply.code(statusCode).send(body);
  };
  app.post(`${paths.associations}/deals/companies/batch/read`, associations);
}
