import { describe, expect, it } from "vitest";
import { HEAT_SHADES, HEAT_TONES, heatCellClass, heatCellLabel } from "./heatmap";

describe("the heatmap palette", () => {
  it("uses the health colours: declined is bad, engaged and champion good", () => {
    expect(HEAT_TONES).toEqual({
      invited: "neutral",
      engaged: "good",
      champion: "good",
      declined: "bad",
      silent: "watch",
    });
    expect(heatCellClass("declined", 14, 25)).toMatch(/danger/);
    expect(heatCellClass("engaged", 14, 25)).toMatch(/success/);
    expect(heatCellClass("champion", 3, 25)).toMatch(/success/);
    expect(heatCellClass("silent", 1, 25)).toMatch(/warning/);
    expect(heatCellClass("invited", 3, 25)).toMatch(/muted/);
  });

  it("never shades declined like engaged", () => {
    for (const count of [1, 5, 12, 25]) {
      expect(heatCellClass("declined", count, 25)).not.toBe(heatCellClass("engaged", count, 25));
    }
  });

  it("darkens with the count and leaves zero unshaded", () => {
    expect(heatCellClass("declined", 0, 25)).toBe("text-muted-foreground");
    const shades = [1, 7, 13, 25].map((n) => heatCellClass("declined", n, 25));
    expect(shades).toEqual(HEAT_SHADES.bad.slice(1));
  });

  it("names what a cell counts and where its link goes", () => {
    expect(heatCellLabel("Marketing", "declined", 14)).toBe(
      "Marketing: 14 declined involvements. Show the pilots where Marketing is declined.",
    );
    expect(heatCellLabel("IT", "champion", 1)).toBe(
      "IT: 1 involvement as champion. Show the pilots where IT is a champion.",
    );
    expect(heatCellLabel("Finance", "silent", 1)).toBe(
      "Finance: 1 silent involvement. Show the pilots that involve Finance.",
    );
  });
});
