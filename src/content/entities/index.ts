import { ContentCitation } from './citation.entity';
import { ContentImport } from './content-import.entity';
import { Course } from './course.entity';
import { Lesson } from './lesson.entity';
import { QuestionVersion } from './question-version.entity';
import { Question } from './question.entity';
import { RegulationArticle } from './regulation-article.entity';
import { Quiz } from '../../quizzes/entities/quiz.entity';

/** Every content entity, for TypeOrmModule.forFeature and for the CLI's plain DataSource. */
export const CONTENT_ENTITIES = [
  Course,
  Lesson,
  Question,
  QuestionVersion,
  ContentCitation,
  RegulationArticle,
  ContentImport,
  Quiz,
];
