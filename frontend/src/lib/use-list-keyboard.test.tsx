import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { isTypingTarget, useListKeyboard } from "./use-list-keyboard";

const NAMES = ["Acme", "Globex", "Initech"];

function List({
  onOpen,
  withDialog = false,
}: {
  onOpen: (name: string) => void;
  withDialog?: boolean;
}) {
  const rows = useListKeyboard<HTMLDivElement>({
    count: NAMES.length,
    onOpen: (index) => onOpen(NAMES[index] ?? ""),
  });
  const [note, setNote] = useState("");
  return (
    <div>
      <label>
        Note
        <input value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      <div contentEditable suppressContentEditableWarning data-testid="editor">
        text
      </div>
      <div ref={rows.containerRef}>
        <ul>
          {NAMES.map((name, index) => (
            <li key={name} {...rows.rowProps(index)}>
              {name}
              <button type="button" onClick={() => onOpen(`button ${name}`)}>
                Edit {name}
              </button>
            </li>
          ))}
        </ul>
      </div>
      {withDialog && (
        <div role="dialog" aria-modal="true" data-state="open">
          A dialog
        </div>
      )}
    </div>
  );
}

const row = (name: string) => screen.getByText(name, { selector: "li" });

describe("useListKeyboard", () => {
  it("moves through the rows with j and k, stopping at the ends, and opens the focused one on Enter", async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<List onOpen={onOpen} />);

    await user.keyboard("j");
    expect(row("Acme")).toHaveFocus();
    expect(row("Acme")).toHaveAttribute("data-active");
    await user.keyboard("jj");
    expect(row("Initech")).toHaveFocus();
    await user.keyboard("j");
    expect(row("Initech")).toHaveFocus();
    await user.keyboard("k");
    expect(row("Globex")).toHaveFocus();
    expect(row("Initech")).not.toHaveAttribute("data-active");

    await user.keyboard("{Enter}");
    expect(onOpen).toHaveBeenCalledExactlyOnceWith("Globex");
    expect(row("Globex")).toHaveAttribute("aria-keyshortcuts", "j k Enter");
    expect(row("Globex")).toHaveAttribute("tabindex", "-1");
  });

  it("never fires while typing in a field or a contenteditable", async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<List onOpen={onOpen} />);

    const input = screen.getByLabelText("Note");
    await user.click(input);
    await user.keyboard("jk{Enter}");
    expect(input).toHaveFocus();
    expect(input).toHaveValue("jk");
    expect(screen.getAllByRole("listitem").some((li) => li.hasAttribute("data-active"))).toBe(
      false,
    );

    await user.click(screen.getByTestId("editor"));
    await user.keyboard("j");
    expect(screen.getByTestId("editor")).toHaveFocus();
    expect(onOpen).not.toHaveBeenCalled();
  });

  it("stays quiet while a dialog is open", async () => {
    const user = userEvent.setup();
    render(<List onOpen={vi.fn()} withDialog />);
    await user.keyboard("j");
    expect(row("Acme")).not.toHaveFocus();
  });

  it("leaves Enter on a button inside a row to the button, and follows Tab into a row", async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<List onOpen={onOpen} />);
    screen.getByRole("button", { name: "Edit Globex" }).focus();
    await user.keyboard("{Enter}");
    expect(onOpen).toHaveBeenCalledExactlyOnceWith("button Globex");
    // Focus inside the second row made it current: j goes on to the third.
    expect(row("Globex")).toHaveAttribute("data-active");
    await user.keyboard("j");
    expect(row("Initech")).toHaveFocus();
  });

  it("tells typing targets apart from other controls", () => {
    const text = document.createElement("input");
    const box = document.createElement("input");
    box.type = "checkbox";
    const area = document.createElement("textarea");
    const button = document.createElement("button");
    expect(isTypingTarget(text)).toBe(true);
    expect(isTypingTarget(area)).toBe(true);
    expect(isTypingTarget(box)).toBe(false);
    expect(isTypingTarget(button)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
