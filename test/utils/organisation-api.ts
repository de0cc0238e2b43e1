import { createOrganisation, TEST_PASSWORD } from '../factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './create-test-app';

export type Org = Awaited<ReturnType<typeof createOrganisation>>;
export type Caller = 'admin' | 'trainer' | 'manager' | 'officerA' | 'officerB';

const USERNAMES: Record<Caller, string> = {
  admin: 'admin',
  trainer: 'trainer',
  manager: 'manager',
  officerA: 'officer_a',
  officerB: 'officer_b',
};

export interface OrganisationApi {
  t: TestApp;
  org: Org;
  /** The Authorization header of a signed-in caller. */
  as(who: Caller): { Authorization: string };
}

/** The app with the factory organisation and a bearer token for one user of each role. */
export async function startOrganisationApi(): Promise<OrganisationApi> {
  const t = await createTestApp();
  const org = await createOrganisation(t.dataSource);
  const tokens = {} as Record<Caller, string>;
  for (const who of Object.keys(USERNAMES) as Caller[]) {
    tokens[who] = await apiLogin(t.http, USERNAMES[who], TEST_PASSWORD);
  }
  return { t, org, as: (who) => ({ Authorization: `Bearer ${tokens[who]}` }) };
}
