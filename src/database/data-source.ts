import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateEnv } from '../config/env.validation';
import { buildDataSourceOptions } from './typeorm.options';

/** For the TypeORM CLI (`npm run migration:run`). The app itself runs migrations at start. */
export default new DataSource(buildDataSourceOptions(validateEnv(process.env)));
