/** The browser's "now", in one place (tests and the e2e run set the browser clock instead). */
export function now(): Date {
  return new Date();
}
