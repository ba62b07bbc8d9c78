import { ConfigError } from '../../config/config.error';
import type { CrmAdapter } from '../adapter';
import type { AdapterOptions } from '../index';

export function salesforceAdapter(_options: AdapterOptions): CrmAdapter {
  throw new ConfigError('Salesforce is not supported by this build yet (issue 5): use --crm hubspot.');
}
