/** From the signal to a forced exit: below the 10 s an orchestrator usually waits before SIGKILL. */
const SHUTDOWN_DEADLINE_MS = 8000;

/**
 * On SIGTERM/SIGINT: `onSignal` at once (writes stop waiting for a lock), and a hard exit if Nest's
 * graceful close (enableShutdownHooks) has not ended the process by the deadline. For main.ts and
 * worker.ts only, never in tests.
 */
export function armShutdownDeadline(onSignal: () => void, deadlineMs = SHUTDOWN_DEADLINE_MS): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      onSignal();
      setTimeout(() => {
        console.error(`shutdown did not finish within ${deadlineMs} ms of ${signal}; exiting`);
        process.exit(1);
      }, deadlineMs).unref();
    });
  }
}
