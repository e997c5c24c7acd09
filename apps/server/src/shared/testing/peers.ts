/**
 * Tests that need an outside peer (a PostgreSQL server, Mosquitto, Chromium, ...) call `peerMissing`:
 * on a newcomer's machine a missing peer skips the test with the reason; under CI=true it is a
 * failure, so CI can never pass by skipping.
 */
export function peerMissing(reason: string | undefined): boolean {
  if (reason === undefined) return false;
  if (process.env.CI === 'true') throw new Error(`CI=true and a test peer is missing: ${reason}`);
  process.stderr.write(`skipped: ${reason}\n`);
  return true;
}
