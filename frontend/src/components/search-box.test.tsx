import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { SearchBox } from "./search-box";

describe("SearchBox", () => {
  it("reports the trimmed text once typing pauses, and at once on Enter", async () => {
    const onSearch = vi.fn();
    const { rerender } = render(
      <SearchBox label="Search departments" value="" onSearch={onSearch} />,
    );
    const box = screen.getByRole("searchbox", { name: "Search departments" });
    await userEvent.type(box, " fin ");
    await waitFor(() => expect(onSearch).toHaveBeenCalledWith("fin"));
    expect(onSearch).toHaveBeenCalledTimes(1);

    // The URL catches up; more typing is kept.
    rerender(<SearchBox label="Search departments" value="fin" onSearch={onSearch} />);
    await userEvent.type(box, "ance{Enter}");
    expect(onSearch).toHaveBeenLastCalledWith("fin ance");
    expect(box).toHaveValue(" fin ance");
  });

  it("follows the URL on back/forward and clears", async () => {
    const onSearch = vi.fn();
    const { rerender } = render(<SearchBox label="Search" value="a" onSearch={onSearch} />);
    rerender(<SearchBox label="Search" value="b" onSearch={onSearch} />);
    expect(screen.getByRole("searchbox", { name: "Search" })).toHaveValue("b");
    await userEvent.click(screen.getByRole("button", { name: "Clear search" }));
    expect(onSearch).toHaveBeenCalledWith("");
    expect(screen.getByRole("searchbox", { name: "Search" })).toHaveValue("");
  });
});
