import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { crmConfigSchema } from './crm.schema';
import { icpConfigSchema } from './icp.schema';
import { personasConfigSchema } from './personas.schema';

const SCHEMAS = {
  'icp.schema.json': icpConfigSchema,
  'personas.schema.json': personasConfigSchema,
  'crm.schema.json': crmConfigSchema,
};

/** Writes the JSON Schemas that the YAML files reference, for editor completion and checks. */
export function writeJsonSchemas(dir: string): string[] {
  return Object.entries(SCHEMAS).map(([name, schema]) => {
    const file = path.join(dir, name);
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    return file;
  });
}
