import { EntityManager } from 'typeorm';
import { TrainingSession } from './entities/training-session.entity';

/**
 * Reads a session inside a write transaction and, on PostgreSQL, locks its row until commit, so two
 * concurrent enrolments, check-ins or closings of one session run one after the other (SQLite
 * already runs write transactions one at a time through TransactionRunner).
 */
export function lockSession(em: EntityManager, id: string): Promise<TrainingSession | null> {
  if (em.connection.options.type !== 'postgres') return em.findOneBy(TrainingSession, { id });
  return em.findOne(TrainingSession, { where: { id }, lock: { mode: 'pessimistic_write' } });
}
