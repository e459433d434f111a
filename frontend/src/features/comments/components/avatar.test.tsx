import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AVATAR_TONES, Avatar, avatarTone } from "./comment-item";

describe("Avatar", () => {
  it("tells two people with the same initials apart by colour", () => {
    const { container } = render(
      <>
        <Avatar name="Erin Editor" id="u-erin" />
        <Avatar name="Evan Ellis" id="u-evan" />
      </>,
    );
    const [erin, evan] = Array.from(container.querySelectorAll("span"));
    expect(erin?.textContent).toBe(evan?.textContent);
    expect(erin?.textContent).toBe("EE");
    expect(avatarTone("u-erin")).not.toBe(avatarTone("u-evan"));
    expect(erin?.className).toContain(avatarTone("u-erin").split(" ")[0]);
    expect(evan?.className).toContain(avatarTone("u-evan").split(" ")[0]);
  });

  it("gives the same person the same colour every time, from the palette", () => {
    expect(avatarTone("u-erin")).toBe(avatarTone("u-erin"));
    const tones = new Set(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].map(avatarTone));
    for (const tone of tones) expect(AVATAR_TONES).toContain(tone);
    expect(tones.size).toBe(AVATAR_TONES.length); // ten keys spread over all eight colours
  });
});
