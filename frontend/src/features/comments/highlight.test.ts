import { describe, expect, it } from "vitest";
import { highlightMentions } from "./highlight";

function render(html: string, names: string[]): HTMLElement {
  const container = document.createElement("div");
  container.innerHTML = html;
  highlightMentions(container, names);
  return container;
}

const marked = (container: HTMLElement) =>
  [...container.querySelectorAll("[data-mention]")].map((m) => m.textContent);

describe("highlightMentions", () => {
  it("marks each mention of the members named, keeping the text around it", () => {
    const container = render("<p>@Evelyn Executive and @Erin Editor, see @Evelyn Executive.</p>", [
      "Evelyn Executive",
      "Erin Editor",
    ]);
    expect(marked(container)).toEqual(["@Evelyn Executive", "@Erin Editor", "@Evelyn Executive"]);
    expect(container.textContent).toBe(
      "@Evelyn Executive and @Erin Editor, see @Evelyn Executive.",
    );
  });

  it("leaves code, links, other names and longer words alone", () => {
    const container = render(
      '<p><code>@Erin Editor</code> <a href="https://x.test">@Erin Editor</a> @Erin Editorial @Sam Leeds</p>',
      ["Erin Editor", "Sam Lee"],
    );
    expect(marked(container)).toEqual([]);
  });

  it("prefers the longer of two names that start alike", () => {
    const container = render("<p>@Sam Leeds then @Sam Lee</p>", ["Sam Lee", "Sam Leeds"]);
    expect(marked(container)).toEqual(["@Sam Leeds", "@Sam Lee"]);
  });

  it("never turns text into markup", () => {
    const container = render("<p>@Erin Editor &lt;img src=x onerror=alert(1)&gt;</p>", [
      "Erin Editor",
    ]);
    expect(container.querySelector("img")).toBeNull();
    expect(marked(container)).toEqual(["@Erin Editor"]);
  });
});
