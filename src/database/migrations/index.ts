import { Organisation1764230400000 } from './1764230400000-Organisation';
import { Content1764230500000 } from './1764230500000-Content';
import { Learning1764230600000 } from './1764230600000-Learning';
import { OrganisationAdmin1764230610000 } from './1764230610000-OrganisationAdmin';
import { UsernameLookup1764230612000 } from './1764230612000-UsernameLookup';
import { UnitSiblingNames1764230614000 } from './1764230614000-UnitSiblingNames';
import { QuestionFamily1764300000000 } from './1764300000000-QuestionFamily';
import { Notifications1764300010000 } from './1764300010000-Notifications';
import { RegulationText1764310000000 } from './1764310000000-RegulationText';
import { UnitRetirement1764320000000 } from './1764320000000-UnitRetirement';
import { ImportStates1764350000000 } from './1764350000000-ImportStates';
import { TrainingSessions1764370000000 } from './1764370000000-TrainingSessions';
import { LearningManagement1764330000000 } from './1764330000000-LearningManagement';
import { Quizzes1764360000000 } from './1764360000000-Quizzes';
import { Practice1764360100000 } from './1764360100000-Practice';
import { Scoring1764380000000 } from './1764380000000-Scoring';
import { ReportIndexes1764390000000 } from './1764390000000-ReportIndexes';
import { ReportHeatIndex1764400100000 } from './1764400100000-ReportHeatIndex';
import { ReportSnapshots1764410000000 } from './1764410000000-ReportSnapshots';
import { PracticeHandouts1764416000000 } from './1764416000000-PracticeHandouts';
import { OutboxClaims1764420000000 } from './1764420000000-OutboxClaims';
import { SessionLastSeen1764431000000 } from './1764431000000-SessionLastSeen';
import { Cap2Scores1764440000000 } from './1764440000000-Cap2Scores';
import { IndicatorImportBasis1764440180000 } from './1764440180000-IndicatorImportBasis';
import { IndicatorNotes1764440181000 } from './1764440181000-IndicatorNotes';
import { UnitMemberships1764450000000 } from './1764450000000-UnitMemberships';
import { PeriodTruth1764451000000 } from './1764451000000-PeriodTruth';
import { ItemCalibration1764452000000 } from './1764452000000-ItemCalibration';
import { SessionBackfillCancel1764454000000 } from './1764454000000-SessionBackfillCancel';
import { NoticeWithdrawCooldown1764456000000 } from './1764456000000-NoticeWithdrawCooldown';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the app, the CLI and Jest load the
 * same classes. Add new migrations at the end: `<timestamp>-<WhatItDoes>.ts`.
 */
export const migrations = [
  Organisation1764230400000,
  Content1764230500000,
  Learning1764230600000,
  OrganisationAdmin1764230610000,
  UsernameLookup1764230612000,
  UnitSiblingNames1764230614000,
  QuestionFamily1764300000000,
  Notifications1764300010000,
  RegulationText1764310000000,
  UnitRetirement1764320000000,
  ImportStates1764350000000,
  TrainingSessions1764370000000,
  LearningManagement1764330000000,
  Quizzes1764360000000,
  Practice1764360100000,
  Scoring1764380000000,
  ReportIndexes1764390000000,
  ReportHeatIndex1764400100000,
  ReportSnapshots1764410000000,
  PracticeHandouts1764416000000,
  OutboxClaims1764420000000,
  SessionLastSeen1764431000000,
  Cap2Scores1764440000000,
  IndicatorImportBasis1764440180000,
  IndicatorNotes1764440181000,
  UnitMemberships1764450000000,
  PeriodTruth1764451000000,
  ItemCalibration1764452000000,
  SessionBackfillCancel1764454000000,
  NoticeWithdrawCooldown1764456000000,
];
