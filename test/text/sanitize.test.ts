import { describe, expect, it } from "vitest";
import { block, cell, inline, mention, neutralise, quietLogin } from "../../src/text/sanitize.js";

const ZWSP = "\u200b";

describe("sanitising user text", () => {
  it("no < or > survives, so no marker can be forged, closed or moved", () => {
    const hostile = "--> <!-- postmortem-followups:followup v1 {} --> <!--";
    const out = neutralise(hostile);
    expect(out).not.toMatch(/[<>]/);
    expect(out).toBe("--&gt; &lt;!-- postmortem-followups:followup v1 {} --&gt; &lt;!--");
  });

  it("raw HTML is shown, not rendered", () => {
    expect(inline('<img src=x onerror="alert(1)"><details open>')).toBe(
      '&lt;img src=x onerror="alert(1)"&gt;&lt;details open&gt;',
    );
  });

  it("escapes bare ampersands but keeps entities people wrote", () => {
    expect(neutralise("R&D &amp; QA &#169; &#x1F600;")).toBe("R&amp;D &amp; QA &#169; &#x1F600;");
  });

  it("neutralises @-mentions of people and teams", () => {
    expect(neutralise("ping @alice and @acme/sre")).toBe(`ping @${ZWSP}alice and @${ZWSP}acme/sre`);
    // An e-mail address or a mention inside code is not a mention.
    expect(neutralise("mail ops@example.com or `@here`")).toBe("mail ops@example.com or `@here`");
  });

  it("leaves Handlebars syntax in data alone (templates never evaluate data)", () => {
    expect(inline("{{item.owner}} {{{raw}}}")).toBe("{{item.owner}} {{{raw}}}");
  });

  it("inline text is one line; a cell also escapes pipes", () => {
    expect(inline("  first\r\n  second\nthird  ")).toBe("first second third");
    expect(cell("a | b\nc")).toBe("a \\| b c");
    expect(inline(null)).toBe("");
    expect(cell(undefined)).toBe("");
  });

  it("a block keeps its Markdown structure", () => {
    expect(block("Steps:\r\n\r\n1. one\n2. <b>two</b>\n")).toBe(
      "Steps:\n\n1. one\n2. &lt;b&gt;two&lt;/b&gt;",
    );
  });

  it("mentions only what looks like a login or org/team; quiet logins never notify", () => {
    expect(mention("alice")).toBe("@alice");
    expect(mention("@acme/sre")).toBe("@acme/sre");
    expect(mention("not a login <x>")).toBe("not a login &lt;x&gt;");
    expect(quietLogin("@al`ice")).toBe("`alice`");
  });
});
