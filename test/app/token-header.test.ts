import { describe, expect, it } from "vitest";
import { headerCarriesToken } from "../../src/app/token-header.js";

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("the token of a protected route's Authorization header", () => {
  it.each([
    ["Bearer s3cret", {}, true],
    ["  bearer   s3cret  ", {}, true],
    ["Bearer s3cret extra", {}, false],
    ["Bearer wrong", {}, false],
    ["Bearer ", {}, false],
    ["s3cret", {}, false],
    [undefined, {}, false],
    [basic("anyone", "s3cret"), {}, false],
    [basic("anyone", "s3cret"), { basic: true }, true],
    [basic("anyone", "nope"), { basic: true }, false],
  ] as const)("%s %j -> %s", (header, options, accepted) => {
    expect(headerCarriesToken(header, "s3cret", options)).toBe(accepted);
  });

  it("an empty configured token is never matched by an empty header value", () => {
    expect(headerCarriesToken(basic("anyone", ""), "", { basic: true })).toBe(false);
  });
});
