import { t } from "../../text/catalog/index.js";
import { cell, inline, quietLogin } from "../../text/sanitize.js";
import type { Language } from "../config/schema.js";
import type { Figures } from "./figures.js";

/**
 * The follow-up SLO figures (./figures.ts) as Markdown, through the text catalog: a heading, the
 * attainment table by severity, days to close, aging, nudges sent (when known), then the "not
 * doing" list. `level`: the headings' depth (3 in the weekly comment, 2 in `report`).
 */

function pct(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}%`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function renderFigures(language: Language, figures: Figures, level = 3, titleLength = 80): string {
  const h = "#".repeat(level);
  const out = [`${h} ${t(language, "figures.heading")}`, ""];
  if (figures.attainment.length === 0) out.push(t(language, "figures.attainment.none"));
  else {
    out.push(t(language, "figures.attainment.columns"), "| --- | ---: | ---: | ---: |");
    for (const row of figures.attainment) {
      const name = row.severity === "unknown" ? t(language, "figures.severity.unknown") : cell(row.severity);
      out.push(`| ${name} | ${row.met} | ${row.missed} | ${pct(row.rate)} |`);
    }
    out.push("", `<sub>${t(language, "figures.attainment.note")}</sub>`);
  }
  const { p50, p90, count } = figures.daysToClose;
  out.push(
    "",
    p50 === null || p90 === null
      ? t(language, "figures.close-days.none")
      : t(language, "figures.close-days", { p50: String(p50), p90: String(p90), count }),
    "",
    t(language, "figures.aging", {
      week: figures.aging["0-7"],
      month: figures.aging["8-30"],
      quarter: figures.aging["31-90"],
      older: figures.aging["over-90"],
    }),
  );
  if (figures.nudges) out.push("", t(language, "figures.nudges", figures.nudges));
  if (figures.lapsed) out.push("", t(language, "recheck.figure", { count: figures.lapsed }));
  if (figures.notDoing.length > 0) {
    out.push("", `${h} ${t(language, "figures.not-doing.heading")}`, "");
    for (const entry of figures.notDoing) {
      const issue = `${entry.repository ?? ""}#${entry.number}`;
      const title = inline(truncate(entry.title, titleLength));
      out.push(
        `- ${
          entry.reason
            ? t(language, "figures.not-doing.reason", {
                issue,
                title,
                reason: inline(entry.reason.reason),
                login: quietLogin(entry.reason.by),
                date: entry.reason.at.slice(0, 10),
                url: entry.reason.url,
              })
            : t(language, "figures.not-doing.no-reason", { issue, title })
        }`,
      );
    }
  }
  return out.join("\n");
}
