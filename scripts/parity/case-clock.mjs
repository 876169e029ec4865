// @ts-check
// Preloaded into every real-CLI run of the parity lab (`node --import`): the process's clock starts at the
// case's `now-ms.txt` (env PARITY_LAB_CASE_NOW) and then runs at a twentieth of real speed. Durations are shown
// rounded to whole minutes (`44m`), so a CLI that needs 60 s to start on a loaded machine would otherwise show
// one minute less than Clawfleet replaying at `now`; slowed down, a minute of start-up costs 3 s of case time.
// Timers (`setTimeout`) are untouched, so nothing waits longer.
const SLOWDOWN = 20;
const caseNow = Number(process.env.PARITY_LAB_CASE_NOW);
if (Number.isSafeInteger(caseNow) && caseNow > 0) {
  const RealDate = Date;
  const start = RealDate.now();
  const caseClockNow = () => caseNow + Math.floor((RealDate.now() - start) / SLOWDOWN);
  /** `Date` on the case clock: `new Date()` and `Date.now()` follow it, every other form is unchanged. */
  class CaseDate extends RealDate {
    /** @param {unknown[]} args */
    constructor(...args) {
      if (args.length === 0) super(caseClockNow());
      // why the cast: Date's overloads are forwarded unchanged, whichever form the caller used.
      else super(.../** @type {[string]} */ (/** @type {unknown} */ (args)));
    }
    /** @override */
    static now() {
      return caseClockNow();
    }
  }
  globalThis.Date = /** @type {DateConstructor} */ (/** @type {unknown} */ (CaseDate));
}
