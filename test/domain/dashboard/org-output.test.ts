import { describe, expect, it } from "vitest";
import { formatOrgReport } from "../../../src/cli/report/org.js";
import { renderDashboard } from "../../../src/runs/report/html.js";
import { sampleReport } from "../../fixtures/dashboard/sample.js";

/**
 * The organisation report's four outputs on the sample report, byte for byte: folding the
 * repositories one at a time and streaming the rows (issue 19's flat memory) must not change a
 * character of what `report --org` printed when the whole report was built in memory. The files
 * were written by the code before that change.
 */

const GOLDEN = "../../fixtures/dashboard/golden";
// Chart.js itself is not part of what this pins (its CSP hash is, through the stub).
const assets = { chartJs: "/* Chart.js stub */" };

describe("report --org outputs on the sample report", () => {
  for (const language of ["en", "ko"] as const) {
    for (const format of ["md", "json", "csv"] as const)
      it(`${format} (${language}) is unchanged`, async () => {
        await expect(formatOrgReport(sampleReport(language), format)).toMatchFileSnapshot(
          `${GOLDEN}/sample.${language}.${format}`,
        );
      });
    it(`html (${language}) is unchanged`, async () => {
      await expect(renderDashboard(sampleReport(language), assets)).toMatchFileSnapshot(
        `${GOLDEN}/sample.${language}.html`,
      );
    });
  }
});
