import { useQuery } from "@tanstack/react-query";
import { type NavigateOptions, useNavigate } from "@tanstack/react-router";
import { Command } from "cmdk";
import {
  ArrowLeft,
  Building2,
  FlaskConical,
  Gavel,
  Keyboard,
  NotebookPen,
  Plus,
  Store,
} from "lucide-react";
import { Dialog as DialogPrimitive } from "radix-ui";
import * as React from "react";
import { Spinner } from "@/components/ui/spinner";
import type { Role } from "@/features/auth/queries";
import { isClosedStage } from "@/features/pilots/components/health-badge";
import { DECISIONS, type DecisionKind, STAGE_LABELS } from "@/features/pilots/labels";
import { canDecide, canEdit } from "@/features/pilots/permissions";
import { pilotQueryOptions } from "@/features/pilots/queries";
import { useAllowedDecisions } from "@/features/pilots/records/decisions";
import { Kbd, KeyCap } from "./kbd";
import { matches, palettePages } from "./pages";
import { PilotStatus } from "./pilot-status";
import { type PilotHit, useDebounced, useObjectSearch } from "./search-queries";
import { paletteKeys } from "./shortcuts";
import { customerTarget, departmentTarget, pilotTarget } from "./targets";

type PilotRef = Pick<PilotHit, "id" | "title">;

/** What the palette shows: everything, a pilot to pick for an action, or a decision's kind. */
type Step =
  | { kind: "root" }
  | { kind: "pick-pilot"; action: "iteration" | "decision" }
  | { kind: "pick-decision"; pilot: PilotRef };

type Action = {
  id: string;
  label: string;
  keywords: string[];
  icon: React.ComponentType<{ className?: string; "aria-hidden"?: boolean | "true" }>;
  hint?: string;
  run: () => void;
};

/** The address of a pilot's page with `?log=iteration` (opens the iteration form there). */
export function logIterationHref(ws: string, pilotId: string): string {
  return `/w/${encodeURIComponent(ws)}/pilots/${encodeURIComponent(pilotId)}?log=iteration`;
}

/**
 * The command palette (Ctrl/⌘+K): go to any pilot, customer, department or page, and run "New
 * pilot", "Log iteration" and "Record decision" (on the current pilot, or after picking one).
 * Pilots, customers and departments come from the lists' text search; pages and actions are
 * matched here, word by word. Loaded on first use (its own chunk): the default export is lazy.
 */
export default function CommandPalette({
  open,
  onOpenChange,
  workspaceId,
  role,
  pilotId,
  onShowShortcuts,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  workspaceId: string;
  role: Role | null;
  /** The pilot whose page is open, if any: actions apply to it without asking. */
  pilotId: string | null;
  onShowShortcuts: () => void;
}) {
  const navigate = useNavigate();
  const [step, setStep] = React.useState<Step>({ kind: "root" });
  const [text, setText] = React.useState("");
  const [value, setValue] = React.useState("");
  const q = useDebounced(text.trim(), 150);
  const picking = step.kind === "pick-pilot";
  const found = useObjectSearch(workspaceId, step.kind === "root" || picking ? q : "", open);
  // While typing runs ahead of the search, no result of older text is offered.
  const settled = text.trim() === q;
  const results = settled ? found : { ...found, pilots: [], customers: [], departments: [] };
  const current = useQuery({
    ...pilotQueryOptions(workspaceId, pilotId ?? ""),
    enabled: open && pilotId !== null,
  });
  const currentPilot: PilotRef | null =
    pilotId && current.data ? { id: pilotId, title: current.data.pilot.title } : null;

  // Each opening starts afresh.
  React.useEffect(() => {
    if (open) {
      setStep({ kind: "root" });
      setText("");
    }
  }, [open]);

  const close = () => onOpenChange(false);
  const go = (target: NavigateOptions) => {
    close();
    void navigate(target);
  };
  const input = React.useRef<HTMLInputElement>(null);
  const list = React.useRef<HTMLDivElement>(null);
  // Until the person moves the highlight, it stays on the first item, whatever arrives when
  // (results come in after the actions and pages); it never points at an item that is gone.
  const moved = React.useRef(false);
  React.useEffect(() => {
    const items = [...(list.current?.querySelectorAll<HTMLElement>("[cmdk-item]") ?? [])];
    const values = items.map((item) => item.dataset.value ?? "");
    const first = values[0] ?? "";
    if ((!moved.current || !values.includes(value)) && value !== first) setValue(first);
  });
  const to = (next: Step) => {
    setStep(next);
    setText("");
    setValue("");
    moved.current = false;
    // A click on an item leaves the focus on the dialog: typing goes on in the field.
    input.current?.focus();
  };

  const logIteration = (pilot: PilotRef) => go({ href: logIterationHref(workspaceId, pilot.id) });

  const actions: Action[] = [
    ...(canEdit(role)
      ? [
          {
            id: "new-pilot",
            label: "New pilot",
            keywords: ["create", "add", "propose", "wizard"],
            icon: Plus,
            run: () => go({ to: "/w/$workspaceId/pilots/new", params: { workspaceId } }),
          },
          {
            id: "log-iteration",
            label: currentPilot ? `Log iteration on ${currentPilot.title}` : "Log iteration…",
            keywords: ["iteration", "log", "record", "cycle", "result"],
            icon: NotebookPen,
            hint: currentPilot ? undefined : "Pick a pilot",
            run: () =>
              currentPilot
                ? logIteration(currentPilot)
                : to({ kind: "pick-pilot", action: "iteration" }),
          },
        ]
      : []),
    ...(canDecide(role)
      ? [
          {
            id: "record-decision",
            label: currentPilot ? `Record decision on ${currentPilot.title}` : "Record decision…",
            keywords: ["decision", "decide", "gate", "start", "continue", "pivot", "scale", "stop"],
            icon: Gavel,
            hint: currentPilot ? undefined : "Pick a pilot",
            run: () =>
              currentPilot
                ? to({ kind: "pick-decision", pilot: currentPilot })
                : to({ kind: "pick-pilot", action: "decision" }),
          },
        ]
      : []),
    {
      id: "shortcuts",
      label: "Keyboard shortcuts",
      keywords: ["help", "keys", "hotkeys"],
      icon: Keyboard,
      hint: "?",
      run: onShowShortcuts,
    },
  ];
  const pages = palettePages(workspaceId);
  const shownActions = actions.filter((a) => matches(text, a.label, a.keywords));
  const shownPages = pages.filter((p) => matches(text, p.label, p.keywords));
  const typing = q !== "";
  const waiting = text.trim() !== q || results.pending;

  const placeholder =
    step.kind === "root"
      ? "Type a command, a page, or search pilots, customers, departments…"
      : step.kind === "pick-pilot"
        ? step.action === "iteration"
          ? "Which pilot? Log an iteration on…"
          : "Which pilot? Record a decision on…"
        : `Which decision on ${step.pilot.title}?`;

  return (
    <DialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-black/40 backdrop-blur-[2px] motion-safe:data-[state=open]:animate-[fade-in_150ms_ease-out]" />
        <DialogPrimitive.Content
          aria-describedby={undefined}
          className="fixed top-[12dvh] left-1/2 z-50 flex max-h-[76dvh] w-[calc(100%-1.5rem)] max-w-xl -translate-x-1/2 flex-col overflow-hidden rounded-xl border bg-card text-card-foreground shadow-2xl focus:outline-none motion-safe:data-[state=open]:animate-[fade-in_120ms_ease-out]"
        >
          <DialogPrimitive.Title className="sr-only">Command palette</DialogPrimitive.Title>
          <Command
            label="Command palette"
            shouldFilter={false}
            loop
            value={value}
            onValueChange={setValue}
            onPointerMove={() => {
              moved.current = true;
            }}
            className="flex min-h-0 flex-col"
            onKeyDown={(event) => {
              if (["ArrowDown", "ArrowUp", "Home", "End"].includes(event.key) || event.ctrlKey)
                moved.current = true;
              // Backspace in an empty field steps back out of a pick.
              if (event.key === "Backspace" && text === "" && step.kind !== "root") {
                event.preventDefault();
                to({ kind: "root" });
              }
            }}
          >
            <div className="flex items-center gap-2 border-b px-3">
              {step.kind !== "root" && (
                <button
                  type="button"
                  onClick={() => to({ kind: "root" })}
                  aria-label="Back to all commands"
                  className="flex size-7 shrink-0 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground"
                >
                  <ArrowLeft aria-hidden="true" className="size-4" />
                </button>
              )}
              <Command.Input
                ref={input}
                value={text}
                onValueChange={(next) => {
                  moved.current = false;
                  setText(next);
                }}
                placeholder={placeholder}
                aria-label={placeholder}
                className="h-12 min-w-0 flex-1 bg-transparent text-base outline-none placeholder:text-muted-foreground sm:text-sm"
              />
              {waiting && step.kind !== "pick-decision" && (
                <Spinner className="text-muted-foreground" />
              )}
            </div>
            <Command.List
              ref={list}
              className="min-h-0 overflow-y-auto overscroll-contain p-1.5 [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-muted-foreground"
            >
              {step.kind === "pick-decision" ? (
                <DecisionKinds
                  workspaceId={workspaceId}
                  pilot={step.pilot}
                  text={text}
                  onChoose={(kind) =>
                    go({
                      to: "/w/$workspaceId/pilots/$pilotId",
                      params: { workspaceId, pilotId: step.pilot.id },
                      search: { decide: kind },
                    })
                  }
                />
              ) : (
                <>
                  {results.error ? (
                    <div role="alert" className="px-3 py-2 text-sm text-danger-foreground">
                      The search failed.{" "}
                      <button
                        type="button"
                        onClick={results.retry}
                        className="font-medium underline underline-offset-2"
                      >
                        Try again
                      </button>
                    </div>
                  ) : null}
                  {!waiting && (
                    <Command.Empty className="px-3 py-6 text-center text-sm text-muted-foreground">
                      {typing ? `Nothing matches “${q}”.` : "No pilots yet."}
                    </Command.Empty>
                  )}
                  {/* Actions first: few and exact, they stay put while results arrive. */}
                  {step.kind === "root" && shownActions.length > 0 && (
                    <Command.Group heading="Actions">
                      {shownActions.map((action) => (
                        <Item
                          key={action.id}
                          value={`action-${action.id}`}
                          icon={action.icon}
                          onSelect={action.run}
                          trailing={
                            action.hint ? (
                              action.hint === "?" ? (
                                <KeyCap>?</KeyCap>
                              ) : (
                                <span className="text-xs text-muted-foreground">{action.hint}</span>
                              )
                            ) : undefined
                          }
                        >
                          {action.label}
                        </Item>
                      ))}
                    </Command.Group>
                  )}
                  {results.pilots.length > 0 && (
                    <Command.Group heading={typing ? "Pilots" : "Recently updated pilots"}>
                      {results.pilots.map((pilot) => (
                        <Item
                          key={pilot.id}
                          value={`pilot-${pilot.id}`}
                          icon={FlaskConical}
                          onSelect={() =>
                            step.kind === "pick-pilot"
                              ? step.action === "iteration"
                                ? logIteration(pilot)
                                : to({ kind: "pick-decision", pilot })
                              : go(pilotTarget(workspaceId, pilot))
                          }
                          trailing={
                            <>
                              {!isClosedStage(pilot.stage) && (
                                <span className="hidden text-xs text-muted-foreground sm:inline">
                                  {STAGE_LABELS[pilot.stage]}
                                </span>
                              )}
                              <PilotStatus pilot={pilot} />
                            </>
                          }
                        >
                          {pilot.title}
                        </Item>
                      ))}
                    </Command.Group>
                  )}
                  {step.kind === "root" && (
                    <>
                      {results.customers.length > 0 && (
                        <Command.Group heading="Customers">
                          {results.customers.map((customer) => (
                            <Item
                              key={customer.id}
                              value={`customer-${customer.id}`}
                              icon={Store}
                              detail={customer.segment}
                              onSelect={() => go(customerTarget(workspaceId, customer))}
                            >
                              {customer.name}
                            </Item>
                          ))}
                        </Command.Group>
                      )}
                      {results.departments.length > 0 && (
                        <Command.Group heading="Departments">
                          {results.departments.map((department) => (
                            <Item
                              key={department.id}
                              value={`department-${department.id}`}
                              icon={Building2}
                              detail={department.lead_name}
                              onSelect={() => go(departmentTarget(workspaceId, department))}
                            >
                              {department.name}
                            </Item>
                          ))}
                        </Command.Group>
                      )}
                      {shownPages.length > 0 && (
                        <Command.Group heading="Go to">
                          {shownPages.map((page) => (
                            <Item
                              key={page.id}
                              value={`page-${page.id}`}
                              icon={page.icon}
                              onSelect={() => go(page.target)}
                            >
                              {page.label}
                            </Item>
                          ))}
                        </Command.Group>
                      )}
                    </>
                  )}
                </>
              )}
            </Command.List>
            <div className="hidden items-center gap-3 border-t px-3 py-2 text-xs text-muted-foreground sm:flex">
              <span className="inline-flex items-center gap-1">
                <KeyCap>↑</KeyCap>
                <KeyCap>↓</KeyCap> move
              </span>
              <span className="inline-flex items-center gap-1">
                <KeyCap>Enter</KeyCap> choose
              </span>
              <span className="inline-flex items-center gap-1">
                <KeyCap>Esc</KeyCap> close
              </span>
              <span className="ml-auto inline-flex items-center gap-1">
                <Kbd keys={paletteKeys()} /> opens this anywhere
              </span>
            </div>
          </Command>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

function Item({
  value,
  icon: Icon,
  detail,
  trailing,
  onSelect,
  children,
}: {
  value: string;
  icon: React.ComponentType<{ className?: string; "aria-hidden"?: boolean | "true" }>;
  detail?: string | null | undefined;
  trailing?: React.ReactNode;
  onSelect: () => void;
  children: React.ReactNode;
}) {
  return (
    <Command.Item
      value={value}
      onSelect={onSelect}
      className="flex min-h-10 cursor-pointer items-center gap-2.5 rounded-md px-2 py-1.5 text-sm data-[selected=true]:bg-accent-subtle data-[selected=true]:text-accent-subtle-foreground"
    >
      <Icon aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
      <span className="min-w-0 flex-1 truncate">
        {children}
        {detail ? <span className="text-muted-foreground"> · {detail}</span> : null}
      </span>
      {trailing}
    </Command.Item>
  );
}

/** The decisions the pilot's stage takes now (the API says which), each with what it does. */
function DecisionKinds({
  workspaceId,
  pilot,
  text,
  onChoose,
}: {
  workspaceId: string;
  pilot: PilotRef;
  text: string;
  onChoose: (kind: DecisionKind) => void;
}) {
  const allowed = useAllowedDecisions(workspaceId, pilot.id);
  if (allowed.isPending)
    return (
      <Command.Loading>
        <div className="flex items-center gap-2 px-3 py-3 text-sm text-muted-foreground">
          <Spinner /> Reading which decisions {pilot.title} can take…
        </div>
      </Command.Loading>
    );
  if (allowed.isError)
    return (
      <div role="alert" className="px-3 py-3 text-sm text-danger-foreground">
        Could not read the decisions open to this pilot.{" "}
        <button
          type="button"
          onClick={() => void allowed.refetch()}
          className="font-medium underline underline-offset-2"
        >
          Try again
        </button>
      </div>
    );
  const kinds = allowed.data.allowed.map((k) => k.kind);
  const shown = DECISIONS.filter((d) => kinds.includes(d.value)).filter((d) =>
    matches(text, d.label, [d.description]),
  );
  return (
    <>
      <Command.Empty className="px-3 py-6 text-center text-sm text-muted-foreground">
        {kinds.length === 0
          ? `A pilot in ${STAGE_LABELS[allowed.data.stage]} takes no decision now.`
          : "No decision matches."}
      </Command.Empty>
      {shown.length > 0 && (
        <Command.Group heading={`Decisions open in ${STAGE_LABELS[allowed.data.stage]}`}>
          {shown.map((d) => (
            <Item
              key={d.value}
              value={`decision-${d.value}`}
              icon={Gavel}
              detail={d.description}
              onSelect={() => onChoose(d.value)}
            >
              {d.label}
            </Item>
          ))}
        </Command.Group>
      )}
    </>
  );
}
