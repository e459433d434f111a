import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { FilterFold, FilterSelect, SearchField } from "./filter-bar";

describe("FilterFold", () => {
  it("folds the filters behind a toggle that says how many are on", async () => {
    render(
      <FilterFold id="fields" active={2} className="grid-cols-2">
        <span>Stage</span>
      </FilterFold>,
    );
    const toggle = screen.getByRole("button", { name: /^Filters\s*2$/ });
    const fields = document.getElementById("fields");
    expect(toggle).toHaveAttribute("aria-controls", "fields");
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(fields).toHaveClass("grid", "grid-cols-2", "max-sm:hidden");
    expect(fields).toHaveTextContent("Stage");

    await userEvent.click(toggle);

    expect(screen.getByRole("button", { name: /^Hide filters\s*2$/ })).toHaveAttribute(
      "aria-expanded",
      "true",
    );
    expect(fields).not.toHaveClass("max-sm:hidden");
  });

  it("shows no count while no filter is on", () => {
    render(
      <FilterFold id="fields" active={0}>
        <span>Stage</span>
      </FilterFold>,
    );
    expect(screen.getByRole("button", { name: "Filters" })).toBeInTheDocument();
  });
});

describe("SearchField", () => {
  it("reports the trimmed text once typing pauses, once per pause", async () => {
    const onSearch = vi.fn();
    render(
      <SearchField
        id="q"
        placeholder="Title or hypothesis"
        value=""
        onSearch={onSearch}
        delay={20}
      />,
    );
    const box = screen.getByRole("searchbox", { name: "Search" });
    expect(box).toHaveAttribute("id", "q");
    expect(box).toHaveAttribute("placeholder", "Title or hypothesis");

    await userEvent.type(box, " vmi ");

    await waitFor(() => expect(onSearch).toHaveBeenCalledWith("vmi"));
    expect(onSearch).toHaveBeenCalledTimes(1);
  });

  it("without a delay reports on Enter and on leaving the field only", async () => {
    const onSearch = vi.fn();
    render(
      <>
        <SearchField id="q" value="" onSearch={onSearch} delay={null} />
        <button type="button">Elsewhere</button>
      </>,
    );
    const box = screen.getByRole("searchbox", { name: "Search" });

    await userEvent.type(box, "kit");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onSearch).not.toHaveBeenCalled();
    await userEvent.keyboard("{Enter}");
    expect(onSearch).toHaveBeenLastCalledWith("kit");

    await userEvent.type(box, "ting");
    await userEvent.click(screen.getByRole("button", { name: "Elsewhere" }));
    expect(onSearch).toHaveBeenLastCalledWith("kitting");
    expect(onSearch).toHaveBeenCalledTimes(2);
  });

  it("follows the URL on back/forward without reporting it back", () => {
    const onSearch = vi.fn();
    const { rerender } = render(<SearchField id="q" value="a" onSearch={onSearch} />);
    rerender(<SearchField id="q" value="b" onSearch={onSearch} />);
    expect(screen.getByRole("searchbox", { name: "Search" })).toHaveValue("b");
    expect(onSearch).not.toHaveBeenCalled();
  });
});

describe("FilterSelect", () => {
  it("is labelled, offers 'all' first and reports the choice", async () => {
    const onChange = vi.fn();
    render(
      <FilterSelect
        id="risk"
        label="Risk"
        value=""
        all="Any risk"
        options={[
          { value: "low", label: "Low" },
          { value: "high", label: "High" },
        ]}
        onChange={onChange}
      />,
    );
    const select = screen.getByRole("combobox", { name: "Risk" });
    expect([...select.querySelectorAll("option")].map((o) => o.textContent)).toEqual([
      "Any risk",
      "Low",
      "High",
    ]);

    await userEvent.selectOptions(select, "high");

    expect(onChange).toHaveBeenCalledWith("high");
  });

  it("has no 'all' choice when none is given", () => {
    render(
      <FilterSelect
        id="sort"
        label="Sort"
        value="b"
        options={[
          { value: "a", label: "Newest" },
          { value: "b", label: "Title" },
        ]}
        onChange={() => {}}
      />,
    );
    const select = screen.getByRole("combobox", { name: "Sort" });
    expect(select).toHaveValue("b");
    expect(select.querySelectorAll("option")).toHaveLength(2);
  });
});
