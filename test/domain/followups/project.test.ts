import { describe, expect, it } from "vitest";
import {
  fieldToCreate,
  type ProjectField,
  type ProjectFollowup,
  planProject,
} from "../../../src/domain/followups/project.js";

const FIELDS: ProjectField[] = [
  {
    id: "F_status",
    name: "Status",
    dataType: "SINGLE_SELECT",
    options: [
      { id: "o1", name: "Open" },
      { id: "o2", name: "Overdue" },
    ],
  },
  { id: "F_due", name: "Due", dataType: "DATE", options: [] },
  { id: "F_sev", name: "Severity", dataType: "TEXT", options: [] },
  { id: "F_title", name: "Title", dataType: "TITLE", options: [] },
];
const NAMES = { status: "Status", due: "Due", severity: "Severity" };
const WANTED = {
  status: "Open",
  due: "2026-12-20",
  severity: "SEV1",
  category: null,
  term: null,
  postmortem: null,
};

const followup = (
  item: ProjectFollowup["item"],
  wanted: Partial<ProjectFollowup["wanted"]> = {},
): ProjectFollowup => ({
  contentId: "I_1",
  wanted: { ...WANTED, ...wanted },
  item,
});

describe("planProject", () => {
  it.each([
    [
      "not in the project: add it and write every value",
      followup(null),
      {
        add: ["I_1"],
        set: [
          { contentId: "I_1", fieldId: "F_status", value: { singleSelectOptionId: "o1" } },
          { contentId: "I_1", fieldId: "F_due", value: { date: "2026-12-20" } },
          { contentId: "I_1", fieldId: "F_sev", value: { text: "SEV1" } },
        ],
      },
    ],
    [
      "in step: nothing",
      followup({
        id: "IT",
        values: {
          F_status: { singleSelectOptionId: "o1" },
          F_due: { date: "2026-12-20" },
          F_sev: { text: "SEV1" },
        },
      }),
      { add: [], set: [] },
    ],
    [
      "only the status moved: one write",
      followup(
        {
          id: "IT",
          values: {
            F_status: { singleSelectOptionId: "o1" },
            F_due: { date: "2026-12-20" },
            F_sev: { text: "SEV1" },
          },
        },
        { status: "overdue" },
      ),
      { add: [], set: [{ contentId: "I_1", fieldId: "F_status", value: { singleSelectOptionId: "o2" } }] },
    ],
    [
      "a null wanted value leaves the field alone (a person's value stays)",
      followup(
        { id: "IT", values: { F_status: { singleSelectOptionId: "o1" }, F_sev: { text: "mine" } } },
        { due: null, severity: null },
      ),
      { add: [], set: [] },
    ],
    [
      "a date the field cannot take is not written",
      followup(
        { id: "IT", values: { F_status: { singleSelectOptionId: "o1" }, F_sev: { text: "SEV1" } } },
        { due: "soon" },
      ),
      { add: [], set: [] },
    ],
  ])("%s", (_name, f, expected) => {
    const plan = planProject([f], NAMES, FIELDS);
    expect({ add: plan.add, set: plan.set }).toEqual(expected);
    expect(plan.missingFields).toEqual([]);
  });

  it("names a missing field once and a missing option once, and still writes the rest", () => {
    const plan = planProject(
      [followup(null, { status: "Done" }), { ...followup(null, { status: "Done" }), contentId: "I_2" }],
      { ...NAMES, term: "Term" },
      FIELDS,
    );
    expect(plan.missingFields).toEqual([{ key: "term", name: "Term" }]);
    expect(plan.missingOptions).toEqual([{ field: "Status", option: "Done" }]);
    expect(plan.set.map((s) => `${s.contentId} ${s.fieldId}`)).toEqual([
      "I_1 F_due",
      "I_1 F_sev",
      "I_2 F_due",
      "I_2 F_sev",
    ]);
  });

  it("matches field and option names without regard to case; a field the config turned off is not written", () => {
    const plan = planProject([followup(null, { status: "OPEN" })], { status: "status" }, FIELDS);
    expect(plan.set).toEqual([
      { contentId: "I_1", fieldId: "F_status", value: { singleSelectOptionId: "o1" } },
    ]);
  });
});

describe("fieldToCreate", () => {
  const options = { status: ["Open"], severity: ["SEV1"], category: ["System"], term: ["Short-term"] };
  it.each([
    ["status", { key: "status", name: "S", dataType: "SINGLE_SELECT", options: ["Open"] }],
    ["due", { key: "due", name: "S", dataType: "DATE", options: [] }],
    ["postmortem", { key: "postmortem", name: "S", dataType: "TEXT", options: [] }],
    ["term", { key: "term", name: "S", dataType: "SINGLE_SELECT", options: ["Short-term"] }],
  ] as const)("%s", (key, expected) => {
    expect(fieldToCreate(key, "S", options)).toEqual(expected);
  });
});
