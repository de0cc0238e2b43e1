/**
 * Import this FIRST in a test file that needs a small per-address login limit. ConfigModule
 * validates and freezes the environment when AppModule is first imported, and `import` statements
 * run before any other statement of the importing file, so `process.env.X = …` in the test file
 * itself would come too late. A module imported ahead of the app sets it in time.
 */
export const LOW_IP_LOGIN_LIMIT = 3;
process.env.LOGIN_MAX_FAILURES_PER_IP = String(LOW_IP_LOGIN_LIMIT);
