import type { Redis } from 'ioredis';
import type { CrmName } from '../crm/adapter';
import type { TalEntry } from '../scoring/tal';
import type { Keys } from './keys';

/** What the TAL ranking needs of every company, kept between runs. */
export interface ScoreEntry extends TalEntry {
  id: string;
  /** icp_tal as the CRM holds it now (null: not set yet). */
  tal: boolean | null;
}

const SEP = '\t';
/**
 * Records contacts' companies and personas. KEYS: the contacts hash, the dirty set ('' for none);
 * ARGV: the company key prefix (company hashes are named from ids: a tenth of the bytes), then
 * contact id, company id, persona per contact. Returns the companies whose persona mix changed.
 */
const ASSIGN_PERSONAS = `
local contacts, dirtyKey, prefix = KEYS[1], KEYS[2], ARGV[1]
local dirty, marked = {}, {}
local function mark(company)
  if company ~= '' and not marked[company] then marked[company] = true dirty[#dirty + 1] = company end
end
for i = 2, #ARGV, 3 do
  local id, company, persona = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local value = company .. '\t' .. persona
  local previous = redis.call('HGET', contacts, id)
  if previous ~= value then
    local oldCompany = previous and string.match(previous, '^([^\t]*)') or ''
    if oldCompany ~= '' and oldCompany ~= company then
      redis.call('HDEL', prefix .. oldCompany, id)
      mark(oldCompany)
    end
    if company ~= '' then redis.call('HSET', prefix .. company, id, persona) end
    mark(company)
    redis.call('HSET', contacts, id, value)
  end
end
if dirtyKey ~= '' then
  for i = 1, #dirty, 1000 do redis.call('SADD', dirtyKey, unpack(dirty, i, math.min(i + 999, #dirty))) end
end
return dirty`;
/** HVALS of `ARGV[1] .. id` for every id after it, in order (ids, not whole key names: a tenth of the bytes). */
const HVALS_EACH = `local out = {} for i = 2, #ARGV do out[i - 1] = redis.call('HVALS', ARGV[1] .. ARGV[i]) end return out`;

/**
 * What a run needs to know about records it does not read: which contacts (with which persona)
 * each company has, and every company's score for the TAL ranking. Kept per CRM in a generation:
 * a full run builds a new one and switches to it when it ends, so a failed full run leaves the
 * previous state intact and stale records (deleted, moved) disappear.
 */
export class StateStore {
  private readonly base: string;
  /** A company's persona hash is this prefix and its id (the scripts build the names from ids). */
  private readonly companyPrefix: string;
  /**
   * `overlay`: a dry incremental run's own hash; persona changes go there (contact -> old and new
   * company, persona) and are read over the stored state, which stays as it is.
   */
  constructor(
    private readonly redis: Redis,
    k: Keys,
    crm: CrmName,
    readonly generation: string,
    private readonly overlay?: string,
  ) {
    this.base = k.state(crm, generation);
    this.companyPrefix = `${this.base}:company:`;
  }

  /**
   * Records each contact's company and persona; returns the companies whose persona mix changed,
   * also added to `dirtyKey` in the same transaction (a retried batch finds nothing left to mark).
   */
  async assignPersonas(contacts: Array<{ id: string; companyId: string | null; persona: string }>, dirtyKey?: string): Promise<string[]> {
    if (!contacts.length) return [];
    if (this.overlay) return this.assignOverlay(contacts, this.overlay, dirtyKey);
    // One script call per batch: the read, the moves and the dirty marks in one atomic step.
    const args = [this.companyPrefix];
    for (const c of contacts) args.push(c.id, c.companyId ?? '', c.persona);
    return (await this.redis.eval(ASSIGN_PERSONAS, 2, `${this.base}:contacts`, dirtyKey ?? '', ...args)) as string[];
  }

  /** A dry incremental run: contact -> old and new company, persona, in its own hash. */
  private async assignOverlay(contacts: Array<{ id: string; companyId: string | null; persona: string }>, overlay: string, dirtyKey?: string): Promise<string[]> {
    const previous = await this.redis.hmget(`${this.base}:contacts`, ...contacts.map((c) => c.id));
    const dirty = new Set<string>();
    const assigned: Record<string, string> = {};
    contacts.forEach((c, i) => {
      const [oldCompany, oldPersona] = previous[i]?.split(SEP) ?? [];
      const company = c.companyId ?? '';
      if (oldCompany === company && oldPersona === c.persona) return;
      if (oldCompany && oldCompany !== company) dirty.add(oldCompany);
      if (company) dirty.add(company);
      assigned[c.id] = [oldCompany ?? '', company, c.persona].join(SEP);
    });
    const multi = this.redis.multi();
    if (Object.keys(assigned).length) multi.hset(overlay, assigned);
    if (dirtyKey && dirty.size) multi.sadd(dirtyKey, ...dirty);
    await multi.exec();
    return [...dirty];
  }

  /** Persona ids of each company's contacts. */
  async personasOf(companyIds: string[]): Promise<Map<string, string[]>> {
    if (this.overlay) return this.personasWithOverlay(companyIds, this.overlay);
    if (!companyIds.length) return new Map();
    // One script call per batch instead of one HVALS per company.
    const results = (await this.redis.eval(HVALS_EACH, 0, this.companyPrefix, ...companyIds)) as string[][];
    return new Map(companyIds.map((id, i) => [id, results[i] ?? []]));
  }

  private async personasWithOverlay(companyIds: string[], overlay: string): Promise<Map<string, string[]>> {
    const pipeline = this.redis.pipeline();
    for (const id of companyIds) pipeline.hgetall(this.companyPrefix + id);
    pipeline.hgetall(overlay);
    const results = ((await pipeline.exec()) ?? []).map((r) => (r[1] ?? {}) as Record<string, string>);
    const byCompany = new Map(companyIds.map((id, i) => [id, new Map(Object.entries(results[i]))]));
    for (const [contact, value] of Object.entries(results[companyIds.length])) {
      const [oldCompany, company, persona] = value.split(SEP);
      byCompany.get(oldCompany)?.delete(contact);
      byCompany.get(company)?.set(contact, persona);
    }
    return new Map([...byCompany].map(([id, personas]) => [id, [...personas.values()]]));
  }

  /** One company's entry as stored: a short JSON array (about 30 bytes with the field name). */
  static encodeScore(e: ScoreEntry): string {
    return JSON.stringify([e.score, e.completeness, e.tier, e.domain ?? null, e.tal]);
  }

  static decodeScore(id: string, raw: string): ScoreEntry {
    const [score, completeness, tier, domain, tal] = JSON.parse(raw) as [number, number, TalEntry['tier'], string | null, boolean | null];
    return { id, score, completeness, tier, domain: domain ?? undefined, tal };
  }

  /** HSET's field-value pairs for entries (a flat list: an object keyed by thousands of ids is slow to build). */
  static scoreFields(entries: ScoreEntry[]): string[] {
    const flat: string[] = [];
    for (const e of entries) flat.push(e.id, StateStore.encodeScore(e));
    return flat;
  }

  async saveScores(entries: ScoreEntry[]): Promise<void> {
    if (!entries.length) return;
    await this.redis.hset(`${this.base}:scores`, ...StateStore.scoreFields(entries));
  }

  /** Records the TAL membership the CRM now holds, company id -> on the TAL. */
  async setTal(membership: Map<string, boolean>): Promise<void> {
    if (!membership.size) return;
    const key = `${this.base}:scores`;
    const ids = [...membership.keys()];
    const raw = await this.redis.hmget(key, ...ids);
    const updates: ScoreEntry[] = [];
    raw.forEach((value, i) => {
      if (value) updates.push({ ...StateStore.decodeScore(ids[i], value), tal: membership.get(ids[i])! });
    });
    if (updates.length) await this.redis.hset(key, ...StateStore.scoreFields(updates));
  }

  async *scores(): AsyncGenerator<ScoreEntry> {
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(`${this.base}:scores`, cursor, 'COUNT', 1000);
      cursor = next;
      for (let i = 0; i < flat.length; i += 2) yield StateStore.decodeScore(flat[i], flat[i + 1]);
    } while (cursor !== '0');
  }

  /** Deletes every key of this generation. */
  async drop(): Promise<void> {
    await deleteMatching(this.redis, `${this.base}:*`);
  }
}

export async function deleteMatching(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (found.length) await redis.unlink(...found);
  } while (cursor !== '0');
}
