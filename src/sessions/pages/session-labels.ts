import {
  ATTENDANCE_LABELS,
  ENROLMENT_STATE_LABELS,
  EXCUSE_STATE_LABELS,
} from '../entities/session-parts.entity';
import { SESSION_KIND_LABELS, SESSION_STATUS_LABELS } from '../entities/training-session.entity';

/** The Chinese names every session page template reads. */
export const SESSION_LABELS = {
  kindLabels: SESSION_KIND_LABELS,
  statusLabels: SESSION_STATUS_LABELS,
  attendanceLabels: ATTENDANCE_LABELS,
  stateLabels: ENROLMENT_STATE_LABELS,
  excuseLabels: EXCUSE_STATE_LABELS,
};
