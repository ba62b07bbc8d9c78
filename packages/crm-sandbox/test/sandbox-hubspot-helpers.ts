import { Client } from '@hubspot/api-client';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../src';

export interface HubSpotHarness {
  sandbox: RunningSandbox;
  client: Client;
}

/** Starts a HubSpot sandbox on a free port and a real SDK client pointed at it. */
export async function startHubSpot(options: Omit<SandboxOptions, 'crm'> = {}, accessToken = 'test-token'): Promise<HubSpotHarness> {
  const sandbox = await startSandbox({ crm: 'hubspot', companies: 250, contacts: 750, ...options });
  return { sandbox, client: new Client({ accessToken, basePath: sandbox.url }) };
}

/** The SDK's ApiException of a call expected to fail. */
export async function apiError(call: Promise<unknown>): Promise<{ code: number; body: Record<string, any>; headers: Record<string, string> }> {
  try {
    await call;
  } catch (error) {
    return error as { code: number; body: Record<string, any>; headers: Record<string, string> };
  }
  throw new Error('expected the call to fail');
}
