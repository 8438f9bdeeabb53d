import pino from 'pino';

/** The logger shape edstream uses: pino's, so that a caller can pass their own pino logger. */
export interface Logger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
  debug(object: object, message?: string): void;
}

let root: (Logger & { child(bindings: object): Logger }) | undefined;

/** A child of the process logger (JSON lines on stderr, level from EDSTREAM_LOG_LEVEL, default info). */
export function createLogger(component: string): Logger {
  root ??= pino(
    { level: process.env.EDSTREAM_LOG_LEVEL ?? 'info', base: { app: 'edstream' } },
    pino.destination({ dest: 2, sync: false }),
  );
  return root.child({ component });
}

/** A logger that drops everything (for tests and quiet library use). */
export const silentLogger: Logger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
};
