// @ts-check
// Preloaded into every real-CLI run of the parity lab (`node --import`): the process's clock starts at the
// case's `now-ms.txt` (env PARITY_LAB_CASE_NOW) and runs on from there. Without it, a run that starts 40 s
// after the case was rendered (a loaded machine, the fourth of four runs) shows `5m` where Clawfleet, replaying
// at `now`, shows `6m`; with it, every run measures as if it started at the rendered instant, so only the
// CLI's own start-up (a few seconds) separates the two clocks.
const caseNow = Number(process.env.PARITY_LAB_CASE_NOW);
if (Number.isSafeInteger(caseNow) && caseNow > 0) {
  const RealDate = Date;
  const offset = caseNow - RealDate.now();
  const shiftedNow = () => RealDate.now() + offset;
  /** `Date` with the shifted clock: `new Date()` and `Date.now()` move, every other form is unchanged. */
  class CaseDate extends RealDate {
    /** @param {unknown[]} args */
    constructor(...args) {
      if (args.length === 0) super(shiftedNow());
      // why the cast: Date's overloads are forwarded unchanged, whichever form the caller used.
      else super(.../** @type {[string]} */ (/** @type {unknown} */ (args)));
    }
    /** @override */
    static now() {
      return shiftedNow();
    }
  }
  globalThis.Date = /** @type {DateConstructor} */ (/** @type {unknown} */ (CaseDate));
}
