import request from 'supertest';
import type { TestApp } from './create-test-app';

export interface PageSession {
  /** Keeps the session cookie between requests. */
  agent: ReturnType<typeof request.agent>;
  /** The session's CSRF token, as every page form carries it in `_csrf`. */
  csrf: string;
}

const csrfIn = (html: string): string => {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field on the page');
  return match[1];
};

/** Signs in through the login form, as a browser does, and reads the session's CSRF token. */
export async function pageLogin(
  http: TestApp['http'],
  username: string,
  password: string,
): Promise<PageSession> {
  const agent = request.agent(http);
  const loginPage = await agent.get('/login').expect(200);
  await agent
    .post('/login')
    .type('form')
    .send({ username, password, _csrf: csrfIn(loginPage.text) })
    .expect(303);
  const home = await agent.get('/').expect(200);
  return { agent, csrf: csrfIn(home.text) };
}
