import type { HubSpotApi } from './hubspot.api';
import type { SetupReport } from '../adapter';
import { propertyDefinitions, type PropertyDefinition } from '../properties';
import { toCrmError } from './hubspot.errors';

export const GROUP = { name: 'icp_sync', label: 'ICP Sync', displayOrder: -1 };
const COMPANY_OBJECT_TYPE_ID = '0-2';

const TYPES: Record<PropertyDefinition['type'], { type: string; fieldType: string }> = {
  number: { type: 'number', fieldType: 'number' },
  enumeration: { type: 'enumeration', fieldType: 'select' },
  bool: { type: 'bool', fieldType: 'booleancheckbox' },
  text: { type: 'string', fieldType: 'text' },
  textarea: { type: 'string', fieldType: 'textarea' },
  datetime: { type: 'datetime', fieldType: 'date' },
};

const BOOL_OPTIONS = [
  { label: 'Yes', value: 'true', displayOrder: 0, hidden: false },
  { label: 'No', value: 'false', displayOrder: 1, hidden: false },
];

function hubspotProperty(d: PropertyDefinition) {
  const options =
    d.type === 'bool' ? BOOL_OPTIONS : (d.options ?? []).map((o, i) => ({ label: o.label, value: o.value, displayOrder: i, hidden: false }));
  return { name: d.name, label: d.label, description: d.description, groupName: GROUP.name, ...TYPES[d.type], options, formField: false };
}

/** Options we need that the property lacks (we never remove options: old values may be in use). */
function missingOptions(wanted: Array<{ value: string }>, existing: Array<{ value: string }> | undefined): boolean {
  const have = new Set((existing ?? []).map((o) => o.value));
  return wanted.some((o) => !have.has(o.value));
}

async function ensureObject(api: HubSpotApi, objectType: 'companies' | 'contacts', definitions: PropertyDefinition[], report: SetupReport) {
  const groups = await api.getPropertyGroups(objectType);
  if (!groups.results.some((g) => g.name === GROUP.name)) {
    await api.createPropertyGroup(objectType, GROUP);
    report.created.push(`${objectType} group ${GROUP.name}`);
  }
  const existing = await api.getProperties(objectType);
  const byName = new Map(existing.results.map((p) => [p.name, p]));
  const toCreate = definitions.filter((d) => !byName.has(d.name)).map(hubspotProperty);
  for (const property of toCreate) {
    await api.createProperty(objectType, property);
    report.created.push(`${objectType}.${property.name}`);
  }
  for (const d of definitions) {
    const current = byName.get(d.name);
    if (!current) continue;
    const wanted = hubspotProperty(d);
    if (current.type !== wanted.type) {
      throw toCrmError(
        { code: 409, body: { message: `${objectType} property ${d.name} exists with type ${current.type}, icp-sync needs ${wanted.type}: rename or delete it in HubSpot, then run setup again` } },
        `checking ${objectType}.${d.name}`,
      );
    }
    if (d.type === 'enumeration' && missingOptions(wanted.options, current.options)) {
      const kept = current.options.filter((o) => !wanted.options.some((w) => w.value === o.value));
      const options = [...wanted.options, ...kept.map((o, i) => ({ ...o, displayOrder: wanted.options.length + i }))];
      await api.updateProperty(objectType, d.name, { options });
      report.updated.push(`${objectType}.${d.name}`);
    }
  }
}

function listFilter(property: string, operation: Record<string, unknown>) {
  return {
    filterBranchType: 'OR',
    filterBranchOperator: 'OR',
    filters: [],
    filterBranches: [
      {
        filterBranchType: 'AND',
        filterBranchOperator: 'AND',
        filterBranches: [],
        filters: [{ filterType: 'PROPERTY', property, operation: { ...operation, includeObjectsWithNoValueSet: false } }],
      },
    ],
  };
}

export const LISTS = [
  { name: 'ICP: Tier 1', filterBranch: listFilter('icp_tier', { operationType: 'ENUMERATION', operator: 'IS_ANY_OF', values: ['tier_1'] }) },
  { name: 'ICP: Target accounts', filterBranch: listFilter('icp_tal', { operationType: 'BOOL', operator: 'IS_EQUAL_TO', value: true }) },
];

async function ensureLists(api: HubSpotApi, report: SetupReport) {
  for (const list of LISTS) {
    if (await api.findList(COMPANY_OBJECT_TYPE_ID, list.name)) continue;
    await api.createList({ name: list.name, objectTypeId: COMPANY_OBJECT_TYPE_ID, processingType: 'DYNAMIC', filterBranch: list.filterBranch });
    report.lists.push(list.name);
  }
}

/** Idempotent: reads first, writes only what is missing, so a second run makes no write call. */
export async function setupHubSpot(api: HubSpotApi, personas: Array<{ id: string; label: string }>, lists: boolean): Promise<SetupReport> {
  const report: SetupReport = { created: [], updated: [], lists: [] };
  const definitions = propertyDefinitions(personas);
  await ensureObject(api, 'companies', definitions.filter((d) => d.object === 'companies'), report);
  await ensureObject(api, 'contacts', definitions.filter((d) => d.object === 'contacts'), report);
  if (lists) await ensureLists(api, report);
  return report;
}
