import { describe, expect, it } from "vitest";
import { registerEmbeddedTemplates, render } from "../../src/text/templates.js";

/**
 * Handlebars runs without prototype access: a template (even a hostile one) cannot reach
 * `constructor`, `__proto__` or prototype methods of the data it renders, and template syntax in
 * data is never evaluated.
 */

describe("Handlebars prototype access", () => {
  registerEmbeddedTemplates({
    "en/hostile-proto.hbs": [
      "a={{constructor}}",
      "b={{constructor.constructor}}",
      "c={{__proto__}}",
      "d={{__proto__.constructor.name}}",
      "e={{lookup this 'constructor'}}",
      "f={{#with this}}{{constructor.name}}{{/with}}",
      "g={{#each this}}{{@key}}:{{this}};{{/each}}",
      "h={{item.toString}}",
      "i={{item.__defineGetter__}}",
      "j={{item.valueOf}}",
      "k={{item.hasOwnProperty}}",
    ].join("\n"),
    "en/data-echo.hbs": "{{title}}|{{#each list}}{{this}},{{/each}}",
  });

  it("a template cannot reach constructors, prototypes or prototype methods", () => {
    const plain = { item: { name: "x" } };
    // JSON.parse makes `__proto__` and `constructor` OWN data properties (what hostile YAML/JSON gives).
    const hostile = JSON.parse(
      '{"item": {"name": "x"}, "__proto__": {"polluted": "yes"}, "constructor": {"name": "Forged"}}',
    ) as object;
    for (const context of [plain, hostile]) {
      const out = render("en", "hostile-proto", context);
      expect(out).not.toMatch(/function|native code|return process/);
      const lines = Object.fromEntries(
        out
          .trim()
          .split("\n")
          .map((l) => [l.slice(0, 1), l.slice(2)]),
      );
      // Inherited members resolve to nothing.
      for (const key of ["b", "d", "h", "i", "j", "k"]) expect(lines[key]).toBe("");
    }
    // Without own keys, `constructor` and `__proto__` are not reachable at all.
    const out = render("en", "hostile-proto", plain);
    expect(out).toMatch(/^a=$/m);
    expect(out).toMatch(/^c=$/m);
    expect(out).toMatch(/^f=$/m);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("template syntax inside data is printed, never evaluated", () => {
    const evil = "{{constructor.constructor('return process')()}} {{#each this}}x{{/each}} {{> p}}";
    const out = render("en", "data-echo", { title: evil, list: [evil, "{{@root}}"] });
    expect(out).toContain(evil);
    expect(out).toContain("{{@root}}");
  });
});
