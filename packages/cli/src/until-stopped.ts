/**
 * Resolves when the process is asked to stop: SIGINT, SIGTERM, or — when npm or npx launched it
 * — the launcher going away. A script that stops `npx tacit start` kills npx, not this process;
 * rather than serve on as an orphan, stop with it. (Started any other way, e.g. under nohup, the
 * parent's exit is not a reason to stop.)
 */
export function untilStopped(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const parent = process.ppid;
    const byLauncher = process.env.npm_command !== undefined;
    const done = () => {
      clearInterval(watch);
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const watch = setInterval(() => {
      if (byLauncher && process.ppid !== parent) done();
    }, 1000).unref();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    signal?.addEventListener('abort', done);
  });
}
