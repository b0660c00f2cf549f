import { describe, expect, it } from "vitest";
import { screenshotHashes } from "../../scripts/dashboard-screenshots.js";

/**
 * Issue 19: the dashboard screenshots in docs/images/ show the HTML the code makes now. Checked by
 * the hash of that HTML (recorded by `npm run docs:screenshots`), never by pixels: a change to the
 * page, its text or Chart.js makes them stale.
 */
describe("the dashboard screenshots", () => {
  it("were taken of the HTML the code renders now (else: npm run docs:screenshots)", () => {
    const { now, recorded } = screenshotHashes(process.cwd());
    expect(recorded).toEqual(now);
  });
});
