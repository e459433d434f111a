import * as React from "react";
import { Textarea } from "@/features/pilots/components/textarea";
import { initials } from "@/lib/format";
import { cn } from "@/lib/utils";
import { caretPosition } from "../caret";
import {
  fold,
  insertMention,
  type Mentionable,
  type MentionQuery,
  matchMembers,
  mentionAt,
} from "../mentions";

const ROLE_LABELS: Record<string, string> = {
  admin: "Admin",
  editor: "Editor",
  executive: "Executive",
  viewer: "Viewer",
};

/** `@Full Name ` written out (a name and the space after it): nothing more to suggest. */
function isWritten(query: string, members: readonly Mentionable[]): boolean {
  if (!/\s$/.test(query)) return false;
  const name = fold(query.trim());
  return members.some((m) => fold(m.name) === name);
}

type TextareaProps = Omit<
  React.ComponentProps<"textarea">,
  "value" | "onChange" | "onKeyDown" | "onSelect" | "onBlur" | "ref"
>;

/**
 * A Markdown textarea that suggests members as @ is typed. The textarea keeps its role (a
 * multi-line text box) and points at the list the way a combobox does: `aria-autocomplete`,
 * `aria-controls` and `aria-activedescendant` on the textarea, a `listbox` of `option`s, and a
 * status line saying how many match. ↑/↓ move, Enter or Tab write the name, Esc closes the list
 * (and only the list); Ctrl/⌘+Enter calls `onSubmitShortcut`.
 */
export function MentionTextarea({
  value,
  onChange,
  members,
  onSubmitShortcut,
  onBlur,
  textareaRef,
  className,
  ...props
}: TextareaProps & {
  id: string;
  value: string;
  onChange: (value: string) => void;
  members: readonly Mentionable[];
  onSubmitShortcut?: () => void;
  onBlur?: () => void;
  textareaRef?: React.Ref<HTMLTextAreaElement>;
}) {
  const inner = React.useRef<HTMLTextAreaElement | null>(null);
  const [at, setAt] = React.useState<MentionQuery | null>(null);
  const [active, setActive] = React.useState(0);
  // The `@` whose list was closed with Esc.
  const [dismissed, setDismissed] = React.useState<number | null>(null);
  const [anchor, setAnchor] = React.useState<{ top: number; left: number } | null>(null);
  const pendingCaret = React.useRef<number | null>(null);
  const listId = `${props.id}-mentions`;
  const optionId = (member: Mentionable) => `${props.id}-mention-${member.id}`;

  const options = React.useMemo(
    () =>
      at && at.start !== dismissed && !isWritten(at.query, members)
        ? matchMembers(members, at.query)
        : [],
    [at, dismissed, members],
  );
  const open = options.length > 0;
  const current = open ? options[Math.min(active, options.length - 1)] : undefined;

  /** Reads the mention under the caret after the text or the caret moved. */
  const track = (element: HTMLTextAreaElement) => {
    const caret = element.selectionStart === element.selectionEnd ? element.selectionStart : -1;
    const next = caret >= 0 ? mentionAt(element.value, caret) : null;
    // A new query starts again at the best match.
    if (at?.start !== next?.start || at?.query !== next?.query) setActive(0);
    // Esc holds for that @ until another is typed, or it is typed again (nothing after it).
    if (next && ((next.start !== at?.start && next.start !== dismissed) || next.query === ""))
      setDismissed(null);
    setAt(next);
    if (next) {
      const position = caretPosition(element, next.start);
      const width = element.clientWidth;
      setAnchor({
        top: position.top + position.height + 4,
        // Keep the list inside the field's width (it is at most 18rem wide).
        left: Math.max(0, Math.min(position.left, width - 288)),
      });
    }
  };

  const choose = (member: Mentionable) => {
    if (!at) return;
    const result = insertMention(value, at, member);
    pendingCaret.current = result.caret;
    setAt(null);
    onChange(result.text);
  };

  // Put the caret after the name just written, once the new text is in the textarea.
  React.useLayoutEffect(() => {
    const caret = pendingCaret.current;
    const element = inner.current;
    if (caret === null || !element || element.value !== value) return;
    pendingCaret.current = null;
    element.focus();
    element.setSelectionRange(caret, caret);
  }, [value]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      onSubmitShortcut?.();
      return;
    }
    if (!open) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (Math.min(i, options.length - 1) + step + options.length) % options.length);
    } else if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey && current) {
      event.preventDefault();
      choose(current);
    } else if (event.key === "Escape") {
      // Closes the list only: not the dialog or the edit the field is in.
      event.preventDefault();
      event.stopPropagation();
      setDismissed(at?.start ?? null);
    }
  };

  const setRefs = (element: HTMLTextAreaElement | null) => {
    inner.current = element;
    if (typeof textareaRef === "function") textareaRef(element);
    else if (textareaRef) textareaRef.current = element;
  };

  const status = open
    ? `${options.length === 1 ? "1 member matches" : `${options.length} members match`}. Up and down arrows to choose, Enter to mention.`
    : "";

  return (
    <div className="relative">
      <Textarea
        {...props}
        ref={setRefs}
        value={value}
        className={cn("resize-y leading-6", className)}
        aria-autocomplete="list"
        aria-haspopup="listbox"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={current ? optionId(current) : undefined}
        onChange={(event) => {
          onChange(event.target.value);
          track(event.target);
        }}
        onSelect={(event) => track(event.currentTarget)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setAt(null);
          onBlur?.();
        }}
      />
      {open && (
        <div
          id={listId}
          role="listbox"
          aria-label="Members to mention"
          className="absolute z-40 flex max-h-64 w-72 max-w-full flex-col overflow-y-auto rounded-lg border bg-card p-1 text-card-foreground shadow-lg"
          style={anchor ? { top: anchor.top, left: anchor.left } : { top: "100%", left: 0 }}
        >
          {options.map((member) => {
            const selected = member === current;
            return (
              // Options are chosen with the keys of the textarea (aria-activedescendant) or the
              // mouse; focus never leaves the textarea.
              // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard handled by the textarea
              <div
                key={member.id}
                id={optionId(member)}
                role="option"
                aria-selected={selected}
                tabIndex={-1}
                className={cn(
                  "flex cursor-pointer items-center gap-2.5 rounded-md px-2 py-1.5 text-sm",
                  selected && "bg-accent-subtle text-accent-subtle-foreground",
                )}
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => setActive(options.indexOf(member))}
                onClick={() => choose(member)}
              >
                <span
                  aria-hidden="true"
                  className="flex size-6 shrink-0 items-center justify-center rounded-full bg-muted text-[0.65rem] font-semibold text-foreground"
                >
                  {initials(member.name)}
                </span>
                <span className="min-w-0 flex-1 truncate font-medium">{member.name}</span>
                {member.role && (
                  <span
                    className={cn(
                      "shrink-0 text-xs",
                      selected ? "text-accent-subtle-foreground" : "text-muted-foreground",
                    )}
                  >
                    {ROLE_LABELS[member.role] ?? member.role}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      )}
      <p role="status" className="sr-only">
        {status}
      </p>
    </div>
  );
}
