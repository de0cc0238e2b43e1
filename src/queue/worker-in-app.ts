/**
 * Whether the app process runs the queue workers (scoring, user imports): SCORING_WORKER, validated
 * with the rest of the environment. `false` when `npm run start:worker` runs them beside several instances.
 */
export const workerInApp = (): boolean => process.env.SCORING_WORKER !== 'false';
