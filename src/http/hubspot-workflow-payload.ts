/**
 * Which companies a HubSpot webhook asks us to re-score.
 *
 * A workflow's "Send a webhook" action POSTs the enrolled record: with "include all properties",
 * the record as the object API returns it (`objectId`, `objectType: "COMPANY"`, `properties` whose
 * values are `{value, ...}`; legacy contact records carry `vid` and `is-contact`); with a customized
 * body, only the chosen properties under the keys the user typed (so `hs_object_id` or `objectId`,
 * and no type). Webhooks-API deliveries are arrays of events with `objectId` and
 * `subscriptionType` ("company.propertyChange") or `objectTypeId` ("0-2"). All are accepted.
 *
 * A contact is not scored itself, but its company's persona coverage depends on it: a contact
 * with `associatedcompanyid` re-scores that company; one without is ignored with a note. A record
 * without a type is taken for a company unless it only carries `associatedcompanyid`.
 */
export interface WorkflowPayloadResult {
  companyIds: string[];
  notes: string[];
  /** Events in which no id at all was found: a misconfigured webhook, not an ignorable record. */
  unusable: number;
}

type Kind = 'company' | 'contact' | 'other';
type Event = Record<string, unknown>;

const OBJECT_TYPE_IDS: Record<string, Kind> = { '0-1': 'contact', '0-2': 'company' };

function asKind(name: string): Kind {
  const lower = name.toLowerCase();
  return lower === 'company' || lower === 'contact' ? lower : 'other';
}

function kindOf(event: Event): Kind | undefined {
  if (typeof event.objectType === 'string') return asKind(event.objectType);
  if (typeof event.objectTypeId === 'string') return OBJECT_TYPE_IDS[event.objectTypeId] ?? 'other';
  if (typeof event.subscriptionType === 'string') return asKind(event.subscriptionType.split('.')[0]);
  if (event['is-contact'] === true || event.vid !== undefined) return 'contact';
  return undefined;
}

/** HubSpot record ids are positive integers, sent as numbers, strings or `{value}`. */
function idOf(raw: unknown): string | undefined {
  const value = raw !== null && typeof raw === 'object' && 'value' in raw ? (raw as { value: unknown }).value : raw;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^\d{1,19}$/.test(value.trim()) && !/^0+$/.test(value.trim())) return value.trim();
  return undefined;
}

function property(event: Event, name: string): unknown {
  const properties = event.properties;
  const nested = properties !== null && typeof properties === 'object' ? (properties as Event)[name] : undefined;
  return event[name] ?? nested;
}

const recordId = (event: Event) => idOf(event.objectId) ?? idOf(property(event, 'hs_object_id'));

export function companyIdsFromWebhook(payload: unknown): WorkflowPayloadResult | { error: string } {
  const events = Array.isArray(payload) ? payload : [payload];
  if (!events.length || events.some((e) => e === null || typeof e !== 'object' || Array.isArray(e))) {
    return { error: 'expected the enrolled record as a JSON object, or an array of such objects' };
  }
  const ids = new Set<string>();
  const notes: string[] = [];
  let unusable = 0;
  for (const event of events as Event[]) {
    const kind = kindOf(event);
    const companyOfContact = idOf(property(event, 'associatedcompanyid'));
    if (kind === 'contact') {
      const contactId = recordId(event) ?? idOf(event.vid) ?? '?';
      if (companyOfContact) {
        ids.add(companyOfContact);
        notes.push(`contact ${contactId}: re-scoring its company ${companyOfContact}`);
      } else {
        notes.push(`contact ${contactId} ignored: no associatedcompanyid in the payload (contacts are re-scored through their company)`);
      }
    } else if (kind === 'other') {
      notes.push(`${String(event.objectType ?? event.objectTypeId ?? event.subscriptionType)} record ${recordId(event) ?? '?'} ignored: only companies are scored`);
    } else {
      const id = recordId(event) ?? idOf(event.companyId) ?? (kind === undefined ? companyOfContact : undefined);
      if (id) ids.add(id);
      else unusable++;
    }
  }
  return { companyIds: [...ids], notes, unusable };
}
