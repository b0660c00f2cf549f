/**
 * Problem details and their messages live in the text catalog (src/text/catalog/problem*.ts). This
 * module only keeps the old import path for src/github/config.ts, whose owner moves that import
 * to src/text/catalog/index.ts; delete it then.
 */
export { detail, type ProblemDetail, renderDetail } from "../../text/catalog/index.js";
