import { notFound, validationError } from './errors';

/** The filter branch of a list, as the Lists v3 API takes and returns it. */
export interface FilterBranch {
  filterBranchType: string;
  filterBranchOperator?: string;
  filters: ListFilter[];
  filterBranches: FilterBranch[];
}

export interface ListFilter {
  filterType: string;
  property?: string;
  operation?: { operationType: string; operator: string; value?: unknown; values?: unknown[]; includeObjectsWithNoValueSet?: boolean };
}

/** The SDK's PublicObjectList, less `size` (computed on read). */
export interface StoredList {
  listId: string;
  listVersion: number;
  name: string;
  objectTypeId: string;
  processingType: 'MANUAL' | 'DYNAMIC' | 'SNAPSHOT';
  processingStatus: 'COMPLETE';
  filterBranch?: FilterBranch;
  createdAt: string;
  updatedAt: string;
  filtersUpdatedAt: string;
  createdById: string;
  updatedById: string;
}

const PROCESSING_TYPES = ['MANUAL', 'DYNAMIC', 'SNAPSHOT'];
const SANDBOX_USER = '1';

export class ListStore {
  private lists = new Map<string, StoredList>();
  private nextId = 1;

  all(): StoredList[] {
    return [...this.lists.values()];
  }

  get(listId: string): StoredList {
    const list = this.lists.get(listId);
    if (!list) throw notFound(`List ${listId} does not exist`);
    return list;
  }

  byName(objectTypeId: string, name: string): StoredList {
    const list = this.all().find((l) => l.objectTypeId === objectTypeId && l.name === name);
    if (!list) throw notFound(`List with name '${name}' does not exist for object type ${objectTypeId}`);
    return list;
  }

  /** `checkFilter` throws on filters naming properties the portal lacks. */
  create(input: Record<string, unknown>, checkFilter: (objectTypeId: string, filter: ListFilter) => void): StoredList {
    const { name, objectTypeId, processingType, filterBranch } = input;
    if (typeof name !== 'string' || !name.trim()) throw validationError("Invalid input JSON: 'name' is required");
    if (typeof objectTypeId !== 'string' || !/^\d+-\d+$/.test(objectTypeId)) throw validationError(`Invalid objectTypeId '${String(objectTypeId)}': expected an object type id such as 0-2`);
    if (typeof processingType !== 'string' || !PROCESSING_TYPES.includes(processingType)) throw validationError(`Invalid processingType '${String(processingType)}': expected one of ${PROCESSING_TYPES.join(', ')}`);
    if (this.all().some((l) => l.name.toLowerCase() === name.toLowerCase())) {
      throw validationError(`A list named '${name}' already exists`, { subCategory: 'ILS.DUPLICATE_LIST_NAMES' });
    }
    if (processingType === 'MANUAL' && filterBranch !== undefined) throw validationError('A MANUAL list cannot have a filterBranch');
    if (processingType !== 'MANUAL') checkBranch(filterBranch, objectTypeId, checkFilter);
    const now = new Date().toISOString();
    const list: StoredList = {
      listId: String(this.nextId++), listVersion: 1, name, objectTypeId, processingType: processingType as StoredList['processingType'],
      processingStatus: 'COMPLETE', ...(filterBranch ? { filterBranch: filterBranch as FilterBranch } : {}),
      createdAt: now, updatedAt: now, filtersUpdatedAt: now, createdById: SANDBOX_USER, updatedById: SANDBOX_USER,
    };
    this.lists.set(list.listId, list);
    return list;
  }

  reset(): void {
    this.lists.clear();
    this.nextId = 1;
  }
}

/** HubSpot requires an OR root whose children are AND branches holding the filters. */
function checkBranch(raw: unknown, objectTypeId: string, checkFilter: (objectTypeId: string, filter: ListFilter) => void): void {
  const root = raw as FilterBranch | undefined;
  if (!root || typeof root !== 'object') throw validationError('A DYNAMIC list needs a filterBranch');
  if (root.filterBranchType !== 'OR') throw validationError(`The root filter branch must be of type OR, got ${String(root.filterBranchType)}`);
  if (!Array.isArray(root.filterBranches) || !Array.isArray(root.filters)) throw validationError("Every filter branch needs 'filters' and 'filterBranches' arrays");
  if (root.filters.length > 0) throw validationError('The root OR filter branch cannot hold filters: put them in AND child branches');
  for (const child of root.filterBranches) {
    if (child?.filterBranchType !== 'AND') throw validationError(`Children of the root OR branch must be AND branches, got ${String(child?.filterBranchType)}`);
    if (!Array.isArray(child.filters)) throw validationError("Every filter branch needs a 'filters' array");
    for (const filter of child.filters) checkFilter(objectTypeId, filter);
  }
}
