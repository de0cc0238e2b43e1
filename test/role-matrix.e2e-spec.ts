import request from 'supertest';
import { Certificate } from '../src/completions/entities/certificate.entity';
import { Notification } from '../src/notifications/entities/notification.entity';
import { NotificationsService } from '../src/notifications/notifications.service';
import { TransactionRunner } from '../src/database/transaction-runner';
import { UserImport } from '../src/users/entities/user-import.entity';
import { User } from '../src/users/entities/user.entity';
import { createCourseWithLessons } from './factories/course.factory';
import { createBank, createQuiz } from './factories/quiz.factory';
import { createOrganisation, createUser, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { appRoutes, fillPath } from './utils/route-table';

/**
 * Role and scope matrix (issue 7): every route of the running app × every identity × (where the
 * route takes a record id) the caller's own record, another record of the caller's unit, and a
 * record of another unit. The expected outcome of each cell is kept below, one line per route: a
 * route without a line fails the suite, so every new route is decided here.
 *
 * Cells: an outcome class ('2xx', '3xx', or an exact 4xx status), or [own, sameUnit, otherUnit].
 * '3xx' for anonymous is a redirect to /login (page form POSTs too: /login?next=…). Writes send `{}`
 * (or `body`): an allowed caller then gets 2xx, a validation 400, or 409 when an earlier line already
 * changed the record's state; a refused one 401, 403 or 404 before validation matters.
 * Set ROLE_MATRIX_PRINT=1 to print what the app answers, as table lines, when adding routes.
 */
type Outcome = '2xx' | '3xx' | '400' | '401' | '403' | '404' | '409' | '415';
type Cell = Outcome | [own: Outcome, sameUnit: Outcome, otherUnit: Outcome];
type Identity = 'anonymous' | 'officer' | 'trainer' | 'manager' | 'admin';
type Relation = 'own' | 'sameUnit' | 'otherUnit';
/** What fills the route's `:param`: relational kinds give a record per relation, the others one record. */
type IdKind =
  | 'user'
  | 'certificate'
  | 'notification'
  | 'unit'
  | 'assignment'
  | 'course'
  | 'lesson'
  | 'certCode'
  | 'article'
  | 'import'
  /** Records that a permitted call changes for good (retire, cancel, remind): kept apart so that the other lines keep their fixtures. */
  | 'spareUnit'
  | 'spareAssignment'
  | 'pageAssignment'
  | 'session'
  | 'spareSession'
  | 'pageSession'
  | 'notice'
  | 'spareNotice'
  | 'pageNotice'
  /** Quizzes (an officer's attempt is relational), scoring runs, indicators, periods, report dimensions. */
  | 'quiz'
  | 'attempt'
  | 'scoringRun'
  | 'indicator'
  | 'period'
  | 'openPeriod'
  | 'dimension';
interface Row {
  id?: IdKind;
  body?: object | string;
  /** Sends `?unitId=<street A>&period=<this year>` (the reports' and indicators' required scope; street A is the manager's subtree). */
  scoped?: true;
  /** Ends the caller's session (logout): sign in anew for each call. */
  fresh?: true;
  anonymous: Outcome;
  officer: Cell;
  trainer: Cell;
  manager: Cell;
  admin: Cell;
}

/** Second path parameters (enrolment's user, excuse): a record that does not exist, so a permitted caller gets 404 and changes nothing. */
const NOBODY = '00000000-0000-4000-8000-00000000bbbb';

// prettier-ignore
const MATRIX: Record<string, Row> = {
  // operations and sign-in
  'GET /health':                        { anonymous: '2xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /api/health/details':            { anonymous: '401', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  'POST /api/auth/login':               { anonymous: '400', officer: '400', trainer: '400', manager: '400', admin: '400' },
  'POST /api/auth/logout':              { fresh: true, anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /api/me':                        { anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /login':                         { anonymous: '2xx', officer: '3xx', trainer: '3xx', manager: '3xx', admin: '3xx' },
  'POST /login':                        { anonymous: '3xx', officer: '3xx', trainer: '3xx', manager: '3xx', admin: '3xx' },
  'POST /logout':                       { fresh: true, anonymous: '3xx', officer: '3xx', trainer: '3xx', manager: '3xx', admin: '3xx' },
  'GET /':                              { anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  // organisation
  'GET /api/units':                     { anonymous: '401', officer: '403', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'POST /api/units':                    { anonymous: '401', officer: '403', trainer: '403', manager: '403', admin: '400' },
  'PATCH /api/units/:id':               { id: 'unit', anonymous: '401', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  'GET /admin/units':                   { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  'POST /admin/units':                  { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '400' },
  'POST /admin/units/:id':              { id: 'unit', anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '400' },
  'GET /api/users':                     { anonymous: '401', officer: '403', trainer: '2xx', manager: '2xx', admin: '2xx' },
  // trainers read officers' records and their own only: an administrator's record is 404 to them (harden-auth)
  'GET /api/users/:id':                 { id: 'user', anonymous: '401', officer: ['2xx', '404', '404'], trainer: ['2xx', '404', '2xx'], manager: ['2xx', '2xx', '404'], admin: '2xx' },
  'POST /api/users':                    { anonymous: '401', officer: '403', trainer: '403', manager: '403', admin: '400' },
  'PATCH /api/users/:id':               { id: 'user', anonymous: '401', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  'POST /api/users/import':             { anonymous: '401', officer: '403', trainer: '403', manager: '403', admin: '415' },
  'GET /api/users/imports/:id':         { id: 'import', anonymous: '401', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  'GET /admin/users':                   { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  'POST /admin/users':                  { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '400' },
  'GET /admin/users/:id':               { id: 'user', anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  'POST /admin/users/:id':              { id: 'user', anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '400' },
  'POST /admin/users/:id/status':       { id: 'user', body: { disabled: 'false' }, anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '3xx' },
  'POST /admin/users/:id/password':     { id: 'user', anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '400' },
  'GET /admin/users/import':            { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  'POST /admin/users/import':           { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '400' },
  'GET /admin/users/import/:id':        { id: 'import', anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  'GET /api/audit':                     { anonymous: '401', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  'GET /admin/audit':                   { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  'GET /admin/content':                 { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  // courses, assignments, completion
  'GET /api/courses':                   { anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /api/courses/:id':               { id: 'course', anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /api/lessons/:id':               { id: 'lesson', anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'POST /api/lessons/:id/complete':     { id: 'lesson', anonymous: '401', officer: '2xx', trainer: '403', manager: '403', admin: '403' },
  'GET /courses':                       { anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /courses/:id':                   { id: 'course', anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /lessons/:id':                   { id: 'lesson', anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'POST /lessons/:id/complete':         { id: 'lesson', anonymous: '3xx', officer: '3xx', trainer: '403', manager: '403', admin: '403' },
  'POST /api/assignments':              { anonymous: '401', officer: '403', trainer: '400', manager: '403', admin: '400' },
  // a manager lists the assignments reaching his subtree (counts of his officers only)
  'GET /api/assignments':               { anonymous: '401', officer: '403', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /api/assignments/:id/status':    { id: 'assignment', anonymous: '401', officer: '403', trainer: '2xx', manager: '2xx', admin: '2xx' },
  // me/*: the caller's own rows, so any signed-in role may ask (staff may be assigned courses too)
  'GET /api/me/assignments':            { anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /api/me/exams':                  { anonymous: '401', officer: '2xx', trainer: '403', manager: '403', admin: '403' },
  'GET /api/users/:id/learning':        { id: 'user', anonymous: '401', officer: ['2xx', '404', '404'], trainer: ['2xx', '404', '2xx'], manager: ['2xx', '2xx', '404'], admin: '2xx' },
  'GET /learning':                      { anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /trainer/assignments':           { anonymous: '3xx', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'POST /trainer/assignments':          { anonymous: '3xx', officer: '403', trainer: '400', manager: '403', admin: '400' },
  // a manager reads an assignment's status for his subtree (as GET /api/assignments/:id/status)
  'GET /trainer/assignments/:id':       { id: 'assignment', anonymous: '3xx', officer: '403', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /api/me/credits':                { anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /api/me/certificates':           { anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /certificates/:id':              { id: 'certificate', anonymous: '3xx', officer: ['2xx', '404', '404'], trainer: '2xx', manager: ['2xx', '2xx', '404'], admin: '2xx' },
  'GET /api/verify/:code':              { id: 'certCode', anonymous: '2xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /verify/:code':                  { id: 'certCode', anonymous: '2xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  // regulation and notifications
  'GET /api/regulation/articles':       { anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /api/regulation/articles/:n':    { id: 'article', anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /regulation':                    { anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /regulation/articles/:n':        { id: 'article', anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /api/me/notifications':          { anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'POST /api/notifications/:id/read':   { id: 'notification', anonymous: '401', officer: ['2xx', '404', '404'], trainer: ['2xx', '404', '404'], manager: ['2xx', '404', '404'], admin: ['2xx', '404', '404'] },
  'POST /api/me/notifications/read-all': { anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /admin/audit/export.csv':        { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  // organisation changes: move and retire are the administrator's (retire changes a spare unit for good)
  'POST /api/units/:id/move':           { id: 'unit', anonymous: '401', officer: '403', trainer: '403', manager: '403', admin: '400' },
  'POST /api/units/:id/retire':         { id: 'spareUnit', anonymous: '401', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  'POST /admin/units/move':             { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '400' },
  'POST /admin/units/:id/retire':       { id: 'spareUnit', anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '3xx' },
  // managing assignments: trainers and administrators only; a second cancel of the same assignment is 409 ASSIGNMENT.CANCELLED
  'POST /api/assignments/:id/extend':   { id: 'spareAssignment', anonymous: '401', officer: '403', trainer: '400', manager: '403', admin: '400' },
  'POST /api/assignments/:id/remind':   { id: 'spareAssignment', anonymous: '401', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'POST /api/assignments/:id/cancel':   { id: 'spareAssignment', anonymous: '401', officer: '403', trainer: '2xx', manager: '403', admin: '409' },
  'POST /trainer/assignments/:id/extend': { id: 'pageAssignment', anonymous: '3xx', officer: '403', trainer: '400', manager: '403', admin: '400' },
  'POST /trainer/assignments/:id/remind': { id: 'pageAssignment', anonymous: '3xx', officer: '403', trainer: '3xx', manager: '403', admin: '3xx' },
  'POST /trainer/assignments/:id/cancel': { id: 'pageAssignment', anonymous: '3xx', officer: '403', trainer: '3xx', manager: '403', admin: '409' },
  // learning report and a learner's record: managers for their subtree, trainers (officers only, harden-auth), administrators
  'GET /api/reports/learning':          { anonymous: '401', officer: '403', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /api/reports/learning/learners': { anonymous: '401', officer: '403', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /api/reports/learning.csv':      { anonymous: '401', officer: '403', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /reports/learning':              { anonymous: '3xx', officer: '403', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /users/:id/learning':            { id: 'user', anonymous: '3xx', officer: ['2xx', '404', '404'], trainer: ['2xx', '404', '2xx'], manager: ['2xx', '2xx', '404'], admin: '2xx' },
  // notifications page, regulation text, search (GET /api/search needs q: 400 for everyone signed in)
  'GET /notifications':                 { anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'POST /notifications/:id/open':       { id: 'notification', anonymous: '3xx', officer: ['3xx', '404', '404'], trainer: ['3xx', '404', '404'], manager: ['3xx', '404', '404'], admin: ['3xx', '404', '404'] },
  'POST /notifications/read-all':       { anonymous: '3xx', officer: '3xx', trainer: '3xx', manager: '3xx', admin: '3xx' },
  'GET /admin/regulation-text':         { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  'POST /admin/regulation-text':        { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '400' },
  'GET /api/search':                    { anonymous: '401', officer: '400', trainer: '400', manager: '400', admin: '400' },
  'GET /search':                        { anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  // sessions: officer_a is enrolled (street A), the manager's subtree is street A; none of them coordinates a venue.
  // Writes with a valid body where validation would hide the gate; NOBODY (an excuse / enrolment that does not exist) gives 404 to whoever may decide.
  'POST /api/sessions':                 { anonymous: '401', officer: '403', trainer: '400', manager: '403', admin: '400' },
  'GET /api/sessions':                  { anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /api/sessions/attendance-report': { anonymous: '401', officer: '403', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /api/sessions/:id':              { id: 'session', anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'PATCH /api/sessions/:id':            { id: 'session', anonymous: '401', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'GET /api/sessions/:id/check-in-code': { id: 'session', anonymous: '401', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'POST /api/sessions/:id/check-in':    { body: { code: '000000' }, id: 'session', anonymous: '401', officer: '409', trainer: '404', manager: '404', admin: '404' },
  'POST /api/sessions/:id/check-out':   { id: 'session', anonymous: '401', officer: '409', trainer: '404', manager: '404', admin: '404' },
  'PUT /api/sessions/:id/attendance':   { body: { records: [{ userId: NOBODY, status: 'present' }] }, id: 'session', anonymous: '401', officer: '403', trainer: '400', manager: '403', admin: '400' },
  'GET /api/sessions/:id/attendance':   { id: 'session', anonymous: '401', officer: '403', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /api/sessions/:id/report':       { id: 'session', anonymous: '401', officer: '403', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'POST /api/sessions/:id/enrolments/:userId/cancel': { id: 'session', anonymous: '401', officer: '403', trainer: '404', manager: '403', admin: '404' },
  'POST /api/sessions/:id/excuses':     { body: { reason: '当天值班接访' }, id: 'session', anonymous: '401', officer: '2xx', trainer: '403', manager: '403', admin: '403' },
  'GET /api/sessions/:id/excuses':      { id: 'session', anonymous: '401', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'POST /api/sessions/:id/excuses/:excuseId/decision': { body: { approve: true }, id: 'session', anonymous: '401', officer: '403', trainer: '404', manager: '403', admin: '404' },
  'GET /api/sessions/:id/ics':          { id: 'session', anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  // a second cancel of the same session is 409 SESSION.NOT_EDITABLE
  'POST /api/sessions/:id/cancel':      { id: 'spareSession', body: { reason: '矩阵测试' }, anonymous: '401', officer: '403', trainer: '2xx', manager: '403', admin: '409' },
  // the calendar feed is public and takes ?token= (400 without it)
  'GET /api/me/sessions':               { anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /api/me/calendar.ics':           { anonymous: '400', officer: '400', trainer: '400', manager: '400', admin: '400' },
  'POST /api/me/calendar-token':        { anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'DELETE /api/me/calendar-token':      { anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /trainer/sessions':              { anonymous: '3xx', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'GET /trainer/sessions/attendance':   { anonymous: '3xx', officer: '403', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /trainer/sessions/new':          { anonymous: '3xx', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'POST /trainer/sessions':             { anonymous: '3xx', officer: '403', trainer: '400', manager: '403', admin: '400' },
  'GET /trainer/sessions/:id/edit':     { id: 'session', anonymous: '3xx', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'POST /trainer/sessions/:id':         { id: 'session', anonymous: '3xx', officer: '403', trainer: '400', manager: '403', admin: '400' },
  'GET /trainer/sessions/:id':          { id: 'session', anonymous: '3xx', officer: '403', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'POST /trainer/sessions/:id/attendance': { id: 'session', anonymous: '3xx', officer: '403', trainer: '3xx', manager: '403', admin: '3xx' },
  'POST /trainer/sessions/:id/excuses/:excuseId': { id: 'session', anonymous: '3xx', officer: '403', trainer: '404', manager: '403', admin: '404' },
  'GET /trainer/sessions/:id/check-in': { id: 'session', anonymous: '3xx', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'GET /trainer/sessions/:id/check-in/live': { id: 'session', anonymous: '3xx', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'GET /trainer/sessions/:id/report':   { id: 'session', anonymous: '3xx', officer: '403', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'POST /trainer/sessions/:id/cancel':  { id: 'pageSession', body: { reason: '矩阵测试' }, anonymous: '3xx', officer: '403', trainer: '3xx', manager: '403', admin: '409' },
  'GET /my/sessions':                   { anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'POST /my/sessions/calendar':         { anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /my/sessions/:id':               { id: 'session', anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'POST /my/sessions/:id/excuse':       { id: 'session', anonymous: '3xx', officer: '400', trainer: '400', manager: '400', admin: '400' },
  'GET /my/sessions/:id/check-in':      { id: 'session', anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'POST /my/sessions/:id/check-in':     { body: { code: '000000' }, id: 'session', anonymous: '3xx', officer: '409', trainer: '404', manager: '404', admin: '404' },
  'POST /my/sessions/:id/check-out':    { id: 'session', anonymous: '3xx', officer: '409', trainer: '404', manager: '404', admin: '404' },
  'GET /my/sessions/:id/check-out':     { id: 'session', anonymous: '3xx', officer: '409', trainer: '404', manager: '404', admin: '404' },
  // notices: sent by trainers and administrators; a notice is read by its recipients (officer_a), 404 to others
  'POST /api/notices':                  { anonymous: '401', officer: '403', trainer: '400', manager: '403', admin: '400' },
  'GET /api/notices':                   { anonymous: '401', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'GET /api/notices/:id':               { id: 'notice', anonymous: '401', officer: '2xx', trainer: '2xx', manager: '404', admin: '2xx' },
  'GET /api/notices/:id/receipts':      { id: 'notice', anonymous: '401', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'POST /api/notices/preview':          { anonymous: '401', officer: '403', trainer: '400', manager: '403', admin: '400' },
  'POST /api/notices/:id/remind':       { id: 'notice', anonymous: '401', officer: '403', trainer: '2xx', manager: '403', admin: '409' },
  'POST /api/notices/:id/withdraw':     { id: 'spareNotice', anonymous: '401', officer: '403', trainer: '2xx', manager: '403', admin: '409' },
  'GET /trainer/notices':               { anonymous: '3xx', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'POST /trainer/notices':              { anonymous: '3xx', officer: '403', trainer: '400', manager: '403', admin: '400' },
  'GET /trainer/notices/:id':           { id: 'notice', anonymous: '3xx', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'POST /trainer/notices/:id/remind':   { id: 'pageNotice', anonymous: '3xx', officer: '403', trainer: '3xx', manager: '403', admin: '409' },
  'POST /trainer/notices/:id/withdraw': { id: 'pageNotice', anonymous: '3xx', officer: '403', trainer: '3xx', manager: '403', admin: '409' },
  'GET /notices/:id':                   { id: 'notice', anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '404', admin: '2xx' },
  // quizzes (docs/quizzes.md): officers take them; an attempt is saved and submitted by its owner only (others 404) and read by
  // its owner, trainers, admins and managers whose subtree holds the officer (others 404). officer_a's attempt is open until
  // the page submit below; the other officers' attempts are finished. Staff do not take quizzes (the take pages are officers').
  'GET /api/quizzes/:id':               { id: 'quiz', anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'POST /api/quizzes/:id/attempts':     { id: 'quiz', anonymous: '401', officer: '2xx', trainer: '403', manager: '403', admin: '403' },
  'PUT /api/attempts/:id/answers':      { body: { answers: [{ questionId: 'not-on-the-paper', optionIds: ['A'] }] }, id: 'attempt', anonymous: '401', officer: ['400', '404', '404'], trainer: ['404', '404', '404'], manager: ['404', '404', '404'], admin: ['404', '404', '404'] },
  'GET /attempts/:id/take':             { id: 'attempt', anonymous: '3xx', officer: ['2xx', '404', '404'], trainer: '403', manager: '403', admin: '403' },
  'POST /attempts/:id/submit':          { id: 'attempt', anonymous: '3xx', officer: ['3xx', '404', '404'], trainer: '403', manager: '403', admin: '403' },
  // officer_a's attempt is finished now: submitting is idempotent (the same result again)
  'POST /api/attempts/:id/submit':      { id: 'attempt', anonymous: '401', officer: ['2xx', '404', '404'], trainer: ['404', '404', '404'], manager: ['404', '404', '404'], admin: ['404', '404', '404'] },
  'GET /api/attempts/:id':              { id: 'attempt', anonymous: '401', officer: ['2xx', '404', '404'], trainer: ['2xx', '2xx', '2xx'], manager: ['2xx', '2xx', '404'], admin: '2xx' },
  'GET /attempts/:id':                  { id: 'attempt', anonymous: '3xx', officer: ['2xx', '404', '404'], trainer: ['2xx', '2xx', '2xx'], manager: ['2xx', '2xx', '404'], admin: '2xx' },
  'GET /api/quizzes/:id/analysis':      { id: 'quiz', anonymous: '401', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'GET /api/quizzes/:id/overrides':     { id: 'quiz', anonymous: '401', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'PUT /api/quizzes/:id/overrides/:userId': { id: 'quiz', anonymous: '401', officer: '403', trainer: '400', manager: '403', admin: '400' },
  'GET /quizzes/:id':                   { id: 'quiz', anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'POST /quizzes/:id/start':            { id: 'quiz', anonymous: '3xx', officer: '3xx', trainer: '403', manager: '403', admin: '403' },
  'GET /trainer/quizzes/:id/analysis':  { id: 'quiz', anonymous: '3xx', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'POST /trainer/quizzes/:id/overrides': { id: 'quiz', anonymous: '3xx', officer: '403', trainer: '400', manager: '403', admin: '400' },
  // practice: one's own 错题本, any signed-in user
  'GET /api/practice/question':         { anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'POST /api/practice/answers':         { anonymous: '401', officer: '400', trainer: '400', manager: '400', admin: '400' },
  'GET /api/practice/mistakes':         { anonymous: '401', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'GET /practice':                      { anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  // the form without a question id: 404 PRACTICE.QUESTION_NOT_FOUND (题目不存在) to anyone signed in
  'POST /practice/answer':              { anonymous: '3xx', officer: '404', trainer: '404', manager: '404', admin: '404' },
  'GET /practice/mistakes':             { anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  // capability and scoring runs: an officer's score is read by himself, managers in scope, trainers (officers only) and admins
  'GET /my/capability':                 { anonymous: '3xx', officer: '2xx', trainer: '403', manager: '403', admin: '403' },
  'GET /my/exams':                      { anonymous: '3xx', officer: '2xx', trainer: '403', manager: '403', admin: '403' },
  'GET /trainer/exams':                 { anonymous: '3xx', officer: '403', trainer: '2xx', manager: '403', admin: '2xx' },
  'GET /my/capability/breakdown':       { anonymous: '3xx', officer: '2xx', trainer: '403', manager: '403', admin: '403' },
  'GET /api/users/:id/capability':      { id: 'user', anonymous: '401', officer: ['2xx', '404', '404'], trainer: ['404', '404', '2xx'], manager: ['404', '2xx', '404'], admin: ['404', '404', '2xx'] },
  'POST /api/scoring/runs':             { anonymous: '401', officer: '403', trainer: '403', manager: '400', admin: '400' },
  'GET /api/scoring/runs/:id':          { id: 'scoringRun', anonymous: '401', officer: '403', trainer: '403', manager: '2xx', admin: '2xx' },
  'GET /admin/scoring':                 { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  'POST /admin/scoring/runs':           { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '3xx' },
  // quality indicators: managers read their subtree, administrators set targets, import and close periods
  'GET /api/indicators':                { scoped: true, anonymous: '401', officer: '403', trainer: '403', manager: '2xx', admin: '2xx' },
  'PUT /api/indicators/targets/:code':  { id: 'indicator', anonymous: '401', officer: '403', trainer: '403', manager: '403', admin: '400' },
  'POST /api/indicators/import':        { anonymous: '401', officer: '403', trainer: '403', manager: '403', admin: '415' },
  'POST /api/indicators/periods/:period/close': { id: 'openPeriod', anonymous: '401', officer: '403', trainer: '403', manager: '403', admin: '409' },
  'POST /api/indicators/periods/:period/reopen': { id: 'openPeriod', anonymous: '401', officer: '403', trainer: '403', manager: '403', admin: '400' },
  'GET /indicators':                    { anonymous: '3xx', officer: '403', trainer: '403', manager: '2xx', admin: '2xx' },
  'PUT /api/indicators/notes/:code':    { id: 'indicator', anonymous: '401', officer: '403', trainer: '403', manager: '400', admin: '400' },
  'GET /indicators/notes/:code':        { scoped: true, id: 'indicator', anonymous: '3xx', officer: '403', trainer: '403', manager: '2xx', admin: '2xx' },
  'POST /indicators/notes/:code':       { id: 'indicator', anonymous: '3xx', officer: '403', trainer: '403', manager: '400', admin: '400' },
  'GET /admin/indicators/import':       { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  'POST /admin/indicators/import':      { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '400' },
  'POST /admin/indicators/import/confirm': { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '400' },
  'POST /indicators/periods/:period/close': { id: 'openPeriod', anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '409' },
  'POST /indicators/periods/:period/reopen': { id: 'openPeriod', anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '400' },
  'GET /admin/indicators/targets':      { anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '2xx' },
  'POST /admin/indicators/targets/:code': { id: 'indicator', anonymous: '3xx', officer: '403', trainer: '403', manager: '403', admin: '400' },
  // competency reports (docs/reports.md): managers for their subtree, admins any unit; trainers only the article page and assigning
  'GET /api/reports/competency':        { scoped: true, anonymous: '401', officer: '403', trainer: '403', manager: '2xx', admin: '2xx' },
  'GET /api/reports/competency/officers': { scoped: true, anonymous: '401', officer: '403', trainer: '403', manager: '2xx', admin: '2xx' },
  'GET /api/reports/competency.csv':    { scoped: true, anonymous: '401', officer: '403', trainer: '403', manager: '2xx', admin: '2xx' },
  'GET /api/reports/competency.xlsx':   { scoped: true, anonymous: '401', officer: '403', trainer: '403', manager: '2xx', admin: '2xx' },
  'GET /api/reports/officers/:id':      { id: 'user', anonymous: '401', officer: ['2xx', '404', '404'], trainer: ['404', '404', '2xx'], manager: ['404', '2xx', '404'], admin: ['404', '404', '2xx'] },
  'GET /api/reports/dimensions/:dimension': { scoped: true, id: 'dimension', anonymous: '401', officer: '403', trainer: '403', manager: '2xx', admin: '2xx' },
  // the article API is managers' and admins' (docs/api-notes.md); trainers have the article page and the assign action
  'GET /api/reports/articles/:no':      { scoped: true, id: 'article', anonymous: '401', officer: '403', trainer: '403', manager: '2xx', admin: '2xx' },
  'POST /api/reports/assignments':      { anonymous: '401', officer: '403', trainer: '400', manager: '400', admin: '400' },
  'GET /api/reports/yearly':            { scoped: true, anonymous: '401', officer: '403', trainer: '403', manager: '2xx', admin: '2xx' },
  'GET /reports/competency':            { anonymous: '3xx', officer: '403', trainer: '403', manager: '2xx', admin: '2xx' },
  'GET /reports/officers/:id':          { id: 'user', anonymous: '3xx', officer: ['2xx', '404', '404'], trainer: ['404', '404', '2xx'], manager: ['404', '2xx', '404'], admin: ['404', '404', '2xx'] },
  'GET /reports/dimensions/:dimension': { id: 'dimension', anonymous: '3xx', officer: '403', trainer: '403', manager: '2xx', admin: '2xx' },
  'GET /reports/articles/:no':          { id: 'article', anonymous: '3xx', officer: '403', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'POST /reports/articles/:no/assign':  { id: 'article', anonymous: '3xx', officer: '403', trainer: '400', manager: '400', admin: '400' },
  'GET /reports/yearly':                { anonymous: '3xx', officer: '403', trainer: '403', manager: '2xx', admin: '2xx' },
  // one's own password: any signed-in user ({} is refused by validation)
  'POST /api/me/password':              { anonymous: '401', officer: '400', trainer: '400', manager: '400', admin: '400' },
  'GET /account/password':              { anonymous: '3xx', officer: '2xx', trainer: '2xx', manager: '2xx', admin: '2xx' },
  'POST /account/password':             { anonymous: '3xx', officer: '400', trainer: '400', manager: '400', admin: '400' },
};

const IDENTITIES: Identity[] = ['anonymous', 'officer', 'trainer', 'manager', 'admin'];
const RELATIONS: Relation[] = ['own', 'sameUnit', 'otherUnit'];
const USERNAMES: Record<Exclude<Identity, 'anonymous'>, string> = {
  officer: 'officer_a',
  trainer: 'trainer',
  manager: 'manager',
  admin: 'admin',
};
const RELATIONAL: IdKind[] = ['user', 'certificate', 'notification', 'attempt'];

/**
 * What someone whose password was set by an administrator or an import may still do before choosing
 * their own (test/account.e2e-spec.ts): change it, sign out, see who they are. Every other signed-in
 * route answers the API 403 AUTH.PASSWORD_CHANGE_REQUIRED and redirects pages to /account/password.
 */
const MUST_CHANGE_ALLOWED = [
  'GET /account/password',
  'POST /account/password',
  'POST /api/me/password',
  'POST /logout',
  'POST /api/auth/logout',
  'GET /api/me',
];
/** Public routes whose anonymous answer is a redirect for another reason (an empty login form goes back to the form). */
const PUBLIC_REDIRECTING = ['POST /login'];

const classOf = (status: number): string =>
  status >= 200 && status < 300 ? '2xx' : status >= 300 && status < 400 ? '3xx' : String(status);

describe('Role and scope matrix (e2e)', () => {
  let t: TestApp;
  const tokens = {} as Record<Exclude<Identity, 'anonymous'>, string>;
  /** ids[kind][identity][relation] for relational kinds; ids[kind].any for the others. */
  const ids: Record<string, Record<string, Partial<Record<Relation, string>> | string>> = {};
  let mustChangeToken: string;
  let scopedQuery = '';

  beforeAll(async () => {
    t = await createTestApp();
    const org = await createOrganisation(t.dataSource);
    const officerA3 = await createUser(t.dataSource, org.units.streetA, 'officer', {
      username: 'officer_a3',
    });
    const u = org.users;
    for (const who of Object.keys(USERNAMES) as Array<keyof typeof USERNAMES>) {
      tokens[who] = await apiLogin(t.http, USERNAMES[who], TEST_PASSWORD);
    }

    const { course, lessons } = await createCourseWithLessons(t.dataSource, 1);
    const assignment = await request(t.http)
      .post('/api/assignments')
      .set('Authorization', `Bearer ${tokens.trainer}`)
      .send({
        courseId: course.id,
        userIds: [u.officerA.id, officerA3.id, u.officerB.id],
        dueAt: new Date(Date.now() + 30 * 86400_000).toISOString(),
      })
      .expect(201);
    // Three officers complete the one-lesson course: a certificate each.
    for (const username of ['officer_b', 'officer_a3']) {
      const token = await apiLogin(t.http, username, TEST_PASSWORD);
      await request(t.http)
        .post(`/api/lessons/${lessons[0].id}/complete`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
    }
    await request(t.http)
      .post(`/api/lessons/${lessons[0].id}/complete`)
      .set('Authorization', `Bearer ${tokens.officer}`)
      .expect(200);
    const certs = await t.dataSource.getRepository(Certificate).find();
    const certOf = (userId: string) => certs.find((c) => c.userId === userId)?.id;
    const notes = t.app.get(NotificationsService);
    const everyone = [u.admin, u.trainer, u.manager, u.officerA, officerA3, u.officerB];
    await t.app.get(TransactionRunner).run((em) =>
      notes.notify(
        em,
        everyone.map((x) => x.id),
        { kind: 'matrix', title: '矩阵', body: '测试' },
      ),
    );
    const noteRows = await t.dataSource.getRepository(Notification).findBy({ kind: 'matrix' });
    const noteOf = (userId: string) => noteRows.find((n) => n.userId === userId)?.id;
    const importId = '00000000-0000-4000-8000-00000000aaaa';
    await t.dataSource.getRepository(UserImport).insert({
      id: importId,
      actorId: u.admin.id,
      actorUsername: 'admin',
      state: 'succeeded',
      total: 1,
      processed: 1,
      created: 1,
    });

    // own / another record of the caller's unit / a record of another unit
    const people: Record<Exclude<Identity, 'anonymous'>, [string, string, string]> = {
      officer: [u.officerA.id, officerA3.id, u.officerB.id],
      manager: [u.manager.id, u.officerA.id, u.officerB.id],
      trainer: [u.trainer.id, u.admin.id, u.officerB.id],
      admin: [u.admin.id, u.trainer.id, u.officerB.id],
    };
    const relational = (of: (userId: string) => string | undefined) => {
      const table: Record<string, Partial<Record<Relation, string>>> = {
        anonymous: { own: of(u.officerA.id) },
      };
      for (const [who, [own, same, other]] of Object.entries(people)) {
        table[who] = { own: of(own), sameUnit: of(same), otherUnit: of(other) };
      }
      return table;
    };
    ids.user = relational((id) => id);
    ids.certificate = relational(certOf);
    ids.notification = relational(noteOf);
    ids.unit = { any: org.units.streetB.id };
    ids.assignment = { any: assignment.body.id as string };
    ids.course = { any: course.id };
    ids.lesson = { any: lessons[0].id };
    ids.certCode = { any: certs[0].code };
    ids.article = { any: '22' };
    ids.import = { any: importId };

    // A unit and an assignment that the retire / cancel / remind lines may change for good.
    const spareUnit = await request(t.http)
      .post('/api/units')
      .set('Authorization', `Bearer ${tokens.admin}`)
      .send({ name: '矩阵备用单位', kind: 'street', parentId: org.units.bureau.id })
      .expect(201);
    ids.spareUnit = { any: spareUnit.body.id as string };
    const spare = await request(t.http)
      .post('/api/assignments')
      .set('Authorization', `Bearer ${tokens.trainer}`)
      .send({
        courseId: course.id,
        userIds: [u.officerB.id],
        dueAt: new Date(Date.now() + 30 * 86400_000).toISOString(),
      })
      .expect(201);
    ids.spareAssignment = { any: spare.body.id as string };
    const pageSpare = await request(t.http)
      .post('/api/assignments')
      .set('Authorization', `Bearer ${tokens.trainer}`)
      .send({
        courseId: course.id,
        userIds: [u.officerB.id],
        dueAt: new Date(Date.now() + 30 * 86400_000).toISOString(),
      })
      .expect(201);
    ids.pageAssignment = { any: pageSpare.body.id as string };
    // A classroom session for street A (officer_a enrolled; in the manager's subtree) tomorrow, and a spare one to cancel.
    const startsAt = new Date(Date.now() + 86400_000);
    const sessionBody = {
      title: '矩阵培训',
      kind: 'classroom',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
      unitIds: [org.units.streetA.id],
      creditHours: 2,
    };
    const session = await request(t.http)
      .post('/api/sessions')
      .set('Authorization', `Bearer ${tokens.trainer}`)
      .send(sessionBody)
      .expect(201);
    ids.session = { any: session.body.id as string };
    const spareSession = await request(t.http)
      .post('/api/sessions')
      .set('Authorization', `Bearer ${tokens.trainer}`)
      .send(sessionBody)
      .expect(201);
    ids.spareSession = { any: spareSession.body.id as string };
    const pageSession = await request(t.http)
      .post('/api/sessions')
      .set('Authorization', `Bearer ${tokens.trainer}`)
      .send(sessionBody)
      .expect(201);
    ids.pageSession = { any: pageSession.body.id as string };
    const notice = await request(t.http)
      .post('/api/notices')
      .set('Authorization', `Bearer ${tokens.trainer}`)
      .send({ title: '矩阵通知', body: '测试', userIds: [u.officerA.id] })
      .expect(201);
    ids.notice = { any: notice.body.id as string };
    for (const name of ['spareNotice', 'pageNotice']) {
      const extra = await request(t.http)
        .post('/api/notices')
        .set('Authorization', `Bearer ${tokens.trainer}`)
        .send({ title: '矩阵通知', body: '测试', userIds: [u.officerA.id] })
        .expect(201);
      ids[name] = { any: extra.body.id as string };
    }

    // The course's quiz; officer_a, officer_a3 and officer_b (all assigned) each start an attempt.
    await createBank(t.dataSource, course, 6);
    const quiz = await createQuiz(t.dataSource, course, { questionCount: 3 });
    ids.quiz = { any: quiz.id };
    const attempts: Record<string, string> = {};
    for (const [username, user] of [
      ['officer_a', u.officerA],
      ['officer_a3', officerA3],
      ['officer_b', u.officerB],
    ] as const) {
      const token =
        username === 'officer_a' ? tokens.officer : await apiLogin(t.http, username, TEST_PASSWORD);
      const started = await request(t.http)
        .post(`/api/quizzes/${quiz.id}/attempts`)
        .set('Authorization', `Bearer ${token}`)
        .send({})
        .expect(201);
      attempts[user.id] = started.body.id as string;
      // officer_a's attempt stays open for the save / take / submit lines; the others are finished, so staff can read them.
      if (username !== 'officer_a') {
        await request(t.http)
          .post(`/api/attempts/${attempts[user.id]}/submit`)
          .set('Authorization', `Bearer ${token}`)
          .send({})
          .expect(200);
      }
    }
    scopedQuery = `?unitId=${org.units.streetA.id}&period=${new Date().getUTCFullYear()}`;
    ids.attempt = relational((userId) => attempts[userId]);
    const run = await request(t.http)
      .post('/api/scoring/runs')
      .set('Authorization', `Bearer ${tokens.admin}`)
      .send({ scope: 'all' })
      .expect(202);
    ids.scoringRun = { any: run.body.id as string };
    ids.indicator = { any: 'TRAINING_COVERAGE' };
    ids.period = { any: '2020' }; // ended long ago: closing it works once
    ids.openPeriod = { any: String(new Date().getUTCFullYear() + 1) }; // not ended: closing is refused (409)
    ids.dimension = { any: 'acceptance' };

    // An officer whose password an administrator set: must choose their own before anything else.
    const mustChange = await createUser(t.dataSource, org.units.streetA, 'officer', {
      username: 'officer_must',
    });
    await t.dataSource.getRepository(User).update({ id: mustChange.id }, { mustChangePassword: true });
    mustChangeToken = await apiLogin(t.http, 'officer_must', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('should have a line in the table for every route of the app, and no line for a route that is gone', () => {
    const keys = new Set(appRoutes(t.app).map((r) => r.key));
    const missing = [...keys].filter((k) => !Object.hasOwn(MATRIX, k));
    const stale = Object.keys(MATRIX).filter((k) => !keys.has(k));
    if (missing.length > 0 || stale.length > 0) {
      throw new Error(
        `Role matrix out of date.\nRoutes without an entry in MATRIX (decide who may call them):\n  ${missing.join('\n  ') || '—'}\n` +
          `Entries for routes the app no longer has:\n  ${stale.join('\n  ') || '—'}`,
      );
    }
  });

  const call = async (key: string, row: Row, who: Identity, path: string) => {
    const [method] = key.split(' ');
    let req = request(t.http)[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](path);
    if (who !== 'anonymous') {
      const token = row.fresh ? await apiLogin(t.http, USERNAMES[who], TEST_PASSWORD) : tokens[who];
      req = req.set('Authorization', `Bearer ${token}`);
    }
    if (method !== 'GET') req = req.send(row.body ?? {});
    return req;
  };

  /** Every cell of one route: `{ "officer/own": "2xx", … }` observed and expected. */
  async function observe(key: string, row: Row) {
    const path = key.slice(key.indexOf(' ') + 1);
    const observed: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const who of IDENTITIES) {
      const cell = row[who];
      const relational = row.id !== undefined && RELATIONAL.includes(row.id);
      for (const relation of relational ? RELATIONS : (['any'] as const)) {
        if (Array.isArray(cell) && !relational) {
          throw new Error(`${key}: [own, sameUnit, otherUnit] needs a relational id kind`);
        }
        let param: string | undefined;
        if (row.id) {
          const byKind = ids[row.id];
          param = relational
            ? (byKind[who] as Partial<Record<Relation, string>>)[relation as Relation]
            : (byKind.any as string);
          if (!param) continue; // e.g. a trainer has no certificate of his own
        }
        const res = await call(
          key,
          row,
          who,
          fillPath(path, {
            id: param ?? '',
            code: param ?? '',
            n: param ?? '',
            no: param ?? '',
            period: param ?? '',
            dimension: param ?? '',
            userId: NOBODY,
            excuseId: NOBODY,
          }) + (row.scoped ? scopedQuery : ''),
        );
        const cellName = relational ? `${who}/${relation}` : who;
        observed[cellName] = classOf(res.status);
        expected[cellName] = Array.isArray(cell) ? cell[RELATIONS.indexOf(relation as Relation)] : cell;
        if (who === 'anonymous' && res.status >= 300 && res.status < 400) {
          expect(res.headers.location).toMatch(/^\/login/);
        }
        expect(res.status).toBeLessThan(500);
      }
    }
    return { observed, expected };
  }

  it.each(Object.entries(MATRIX))('%s', async (key, row) => {
    const { observed, expected } = await observe(key, row);
    if (process.env.ROLE_MATRIX_PRINT) console.warn(key, JSON.stringify(observed));
    expect(observed).toEqual(expected);
  });

  it('should hold every signed-in route back from a user who must change their password, except change, sign-out and who-am-I', async () => {
    const wrong: string[] = [];
    for (const [key, row] of Object.entries(MATRIX)) {
      const signedIn =
        (row.anonymous === '401' || row.anonymous === '3xx') && !PUBLIC_REDIRECTING.includes(key);
      if (!signedIn || row.fresh) continue; // public routes answer as for anyone; sign-out is tried last
      const [method, path] = key.split(' ');
      const byKind = row.id ? ids[row.id] : undefined;
      const param = byKind
        ? ((byKind.any as string | undefined) ??
          (byKind.officer as Partial<Record<Relation, string>>).own ??
          '')
        : '';
      let req = request(t.http)[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](
        fillPath(path, {
          id: param,
          code: param,
          n: param,
          no: param,
          period: param,
          dimension: param,
          userId: NOBODY,
          excuseId: NOBODY,
        }),
      );
      req = req.set('Authorization', `Bearer ${mustChangeToken}`);
      if (method !== 'GET') req = req.send(row.body ?? {});
      const res = await req;
      // A route an officer may not call at all refuses by role first (403 AUTH.FORBIDDEN): held back as well.
      const refusedByRole = row.officer === '403' && res.status === 403;
      const heldBack =
        refusedByRole ||
        (path.startsWith('/api/')
          ? res.status === 403 && res.body.code === 'AUTH.PASSWORD_CHANGE_REQUIRED'
          : res.status === 303 && res.headers.location === '/account/password');
      if (heldBack === MUST_CHANGE_ALLOWED.includes(key)) {
        wrong.push(`${key} → ${res.status} ${res.headers.location ?? res.body?.code ?? ''}`);
      }
    }
    expect(wrong).toEqual([]);
    await request(t.http)
      .post('/api/auth/logout')
      .set('Authorization', `Bearer ${mustChangeToken}`)
      .expect(204);
  });
});
