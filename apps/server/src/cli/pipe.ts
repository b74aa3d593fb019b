/**
 * `fireflow run --json | head -5`: once the reader has what it wants, the next write fails with EPIPE. That is the
 * reader's choice, not an error of the run, so the process ends at once, without a stack trace and with exit 0.
 */
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
}
