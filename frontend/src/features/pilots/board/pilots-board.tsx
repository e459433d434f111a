import {
  type Announcements,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { Link } from "@tanstack/react-router";
import { ChevronLeft, ChevronRight, GripVertical, MoveRight } from "lucide-react";
import { useCallback, useId, useMemo, useRef, useState } from "react";
import { ListError, ListSkeleton } from "@/components/list-states";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils";
import { PilotStatus } from "../components/pilot-list-cells";
import { STAGE_LABELS, STEPS, type Stage } from "../labels";
import type { Pilot } from "../queries";
import type { PilotSearch } from "../search";
import {
  allowedMoves,
  daysInStage,
  groupByStage,
  HELD,
  moveLabel,
  neighbour,
  visibleTargets,
} from "./grouping";
import { MoveDialog } from "./move-dialog";
import { useBoardPilots } from "./queries";
import { useBoardMove } from "./use-board-move";

type Props = {
  workspaceId: string;
  search: PilotSearch;
  names: Map<string, string>;
  editable: boolean;
};

const INSTRUCTIONS =
  "To move a pilot to another stage, press Space or Enter on its handle to pick it up, use the left and right arrow keys to choose a stage, then Space or Enter to drop it there. Escape cancels. Each card also has a Move to menu.";

/**
 * The pilots by stage: Proposed · Selecting · Running · Scale review · Scaling · Adopted, with
 * paused and stopped pilots in a column of their own that opens on demand. Editors drag a card
 * (or use its "Move to" menu, or the keyboard) to another stage; the move runs the same gate
 * check as the pilot page.
 */
export default function PilotsBoard({ workspaceId, search, names, editable }: Props) {
  const pilots = useBoardPilots(workspaceId, search);
  const [heldOpen, setHeldOpen] = useState(search.stage === "paused" || search.stage === "stopped");
  const [message, setMessage] = useState("");
  const announce = useCallback((text: string) => setMessage(text), []);
  const { state, request, move, close, pending } = useBoardMove(workspaceId, announce);
  const [dragging, setDragging] = useState<Pilot | null>(null);

  const columns = useMemo(() => groupByStage(pilots.data ?? []), [pilots.data]);
  const targets = useRef<Stage[]>(visibleTargets(heldOpen));
  targets.current = visibleTargets(heldOpen);
  const heldCount = HELD.reduce((n, s) => n + columns[s].length, 0);

  // The arrow keys jump from stage to stage (dnd-kit's default moves 25 px at a time). The stage
  // the keyboard chose is kept here rather than read back from `over`, which dnd-kit updates
  // only after the next render: quick presses (or a drop right after one) would otherwise count
  // from, or drop on, the stage before.
  const keyboardStage = useRef<Stage | null>(null);
  const coordinateGetter: KeyboardCoordinateGetter = useCallback((event, { context }) => {
    const { active, over, droppableRects, collisionRect } = context;
    if (!active || !collisionRect) return undefined;
    const direction = event.code === "ArrowRight" ? 1 : event.code === "ArrowLeft" ? -1 : 0;
    if (direction === 0) return undefined;
    event.preventDefault();
    const pilot = active.data.current?.pilot as Pilot | undefined;
    const from =
      keyboardStage.current ?? (over?.id as Stage | undefined) ?? pilot?.stage ?? "proposed";
    const to = neighbour(targets.current, from, direction);
    const rect = droppableRects.get(to);
    if (!rect) return undefined;
    keyboardStage.current = to;
    return {
      x: rect.left + Math.max(0, (rect.width - collisionRect.width) / 2),
      y: rect.top + 8,
    };
  }, []);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );

  // A pointer drops where it points; the keyboard drops where the card is.
  const collisionDetection: CollisionDetection = useCallback(
    (args) => (args.pointerCoordinates ? pointerWithin(args) : rectIntersection(args)),
    [],
  );

  const titleOf = (id: string | number) =>
    (pilots.data ?? []).find((p) => p.id === id)?.title ?? "The pilot";
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      const pilot = active.data.current?.pilot as Pilot | undefined;
      return `Picked up “${titleOf(active.id)}”, in ${pilot ? STAGE_LABELS[pilot.stage] : "its stage"}.`;
    },
    onDragOver: ({ over }) =>
      over ? `Over ${STAGE_LABELS[over.id as Stage]}.` : "Not over a stage.",
    onDragEnd: ({ active, over }) => {
      const pilot = active.data.current?.pilot as Pilot | undefined;
      if (!over || over.id === pilot?.stage)
        return `“${titleOf(active.id)}” was dropped where it was; nothing moved.`;
      return `Dropped “${titleOf(active.id)}” on ${STAGE_LABELS[over.id as Stage]}.`;
    },
    onDragCancel: ({ active }) => `Moving “${titleOf(active.id)}” was cancelled; nothing moved.`,
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    keyboardStage.current = null;
    setDragging((active.data.current?.pilot as Pilot | undefined) ?? null);
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const pilot = active.data.current?.pilot as Pilot | undefined;
    const to = keyboardStage.current ?? (over?.id as Stage | undefined);
    keyboardStage.current = null;
    if (pilot && to && to !== pilot.stage) void request(pilot, to);
  };

  if (pilots.isPending) return <ListSkeleton label="Loading the board…" rows={4} />;
  if (pilots.isError)
    return (
      <ListError
        what="pilots"
        error={pilots.error}
        onRetry={() => void pilots.refetch()}
        retrying={pilots.isFetching}
      />
    );

  const busyId = state.step === "checking" || state.step === "moving" ? state.pilot.id : undefined;
  const cardProps = {
    workspaceId,
    names,
    editable,
    busyId,
    movingId: state.step === "moving" ? state.pilot.id : undefined,
    onMove: (pilot: Pilot, to: Stage) => void request(pilot, to),
  };

  return (
    <>
      <p role="status" aria-live="polite" className="sr-only">
        {message}
      </p>
      <DndContext
        sensors={sensors}
        collisionDetection={collisionDetection}
        accessibility={{
          announcements,
          screenReaderInstructions: { draggable: INSTRUCTIONS },
        }}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          keyboardStage.current = null;
          setDragging(null);
        }}
      >
        <section
          aria-label="Pilots by stage"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
          tabIndex={0}
          className="relative -mx-4 overflow-x-auto px-4 pb-3 focus-visible:outline-2 focus-visible:outline-accent sm:mx-0 sm:px-0"
        >
          <div className="flex min-w-min gap-2 lg:min-w-0">
            {STEPS.map((stage) => (
              <Column key={stage} stage={stage} count={columns[stage].length}>
                {columns[stage].map((pilot) => (
                  <Card key={pilot.id} pilot={pilot} {...cardProps} />
                ))}
              </Column>
            ))}
            {heldOpen ? (
              <div className="flex w-[80vw] max-w-72 shrink-0 flex-col gap-2 sm:w-44 lg:w-auto lg:min-w-0 lg:flex-1 lg:basis-0">
                <Button
                  variant="ghost"
                  size="sm"
                  aria-expanded="true"
                  onClick={() => setHeldOpen(false)}
                  className="h-auto min-h-8 justify-start whitespace-normal py-1 text-left"
                >
                  <ChevronRight aria-hidden="true" />
                  Hide paused and stopped
                </Button>
                {HELD.map((stage) => (
                  <Column key={stage} stage={stage} count={columns[stage].length} nested>
                    {columns[stage].map((pilot) => (
                      <Card key={pilot.id} pilot={pilot} {...cardProps} />
                    ))}
                  </Column>
                ))}
              </div>
            ) : (
              <button
                type="button"
                aria-expanded="false"
                onClick={() => setHeldOpen(true)}
                className="flex w-11 shrink-0 flex-col items-center gap-2 rounded-lg border border-dashed bg-muted/40 py-3 text-sm text-muted-foreground hover:bg-muted"
              >
                <ChevronLeft aria-hidden="true" className="size-4" />
                <span className="[writing-mode:vertical-rl]">
                  Paused · Stopped <span className="tabular-nums">({heldCount})</span>
                </span>
                <span className="sr-only">: show them</span>
              </button>
            )}
          </div>
        </section>
        <DragOverlay dropAnimation={null}>
          {dragging ? (
            <CardBody pilot={dragging} names={names} workspaceId={workspaceId} overlay />
          ) : null}
        </DragOverlay>
      </DndContext>
      <MoveDialog
        workspaceId={workspaceId}
        state={state}
        pending={pending}
        onClose={close}
        onMove={(pilot, to, body) => move(pilot, to, body)}
      />
    </>
  );
}

function Column({
  stage,
  count,
  nested = false,
  children,
}: {
  stage: Stage;
  count: number;
  nested?: boolean;
  children: React.ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  const headingId = useId();
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      className={cn(
        "flex flex-col gap-2 rounded-lg border bg-muted/40 p-2 transition-colors",
        !nested && "w-[80vw] max-w-72 shrink-0 sm:w-44 lg:w-auto lg:min-w-0 lg:flex-1 lg:basis-0",
        nested && "min-h-24",
        isOver && "border-accent bg-accent-subtle",
      )}
    >
      <h2 id={headingId} className="flex items-baseline justify-between gap-2 px-1 text-sm">
        <span className="font-semibold">{STAGE_LABELS[stage]}</span>
        <span className="text-xs text-muted-foreground tabular-nums">
          {count}
          <span className="sr-only"> pilot{count === 1 ? "" : "s"}</span>
        </span>
      </h2>
      {count === 0 ? (
        <p className="px-1 py-4 text-center text-xs text-muted-foreground">No pilots</p>
      ) : (
        <ul className="flex flex-col gap-2">{children}</ul>
      )}
    </section>
  );
}

function Card({
  pilot,
  workspaceId,
  names,
  editable,
  busyId,
  movingId,
  onMove,
}: {
  pilot: Pilot;
  workspaceId: string;
  names: Map<string, string>;
  editable: boolean;
  busyId: string | undefined;
  /** A move being saved: no other move of this pilot until it is done. */
  movingId: string | undefined;
  onMove: (pilot: Pilot, to: Stage) => void;
}) {
  const moves = editable ? allowedMoves(pilot) : [];
  const { setNodeRef, attributes, listeners, isDragging } = useDraggable({
    id: pilot.id,
    data: { pilot },
    disabled: moves.length === 0,
  });
  const busy = busyId === pilot.id;
  return (
    <li ref={setNodeRef} className={cn(isDragging && "opacity-40")}>
      <CardBody
        pilot={pilot}
        names={names}
        workspaceId={workspaceId}
        busy={busy}
        handle={
          moves.length > 0 ? (
            <button
              type="button"
              {...attributes}
              {...listeners}
              aria-label={`Drag “${pilot.title}” to another stage`}
              className="-ml-1 flex h-7 w-5 shrink-0 cursor-grab touch-none items-center justify-center rounded text-muted-foreground hover:bg-muted active:cursor-grabbing"
            >
              <GripVertical aria-hidden="true" className="size-4" />
            </button>
          ) : null
        }
        menu={
          moves.length > 0 ? (
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button
                  variant="ghost"
                  size="icon"
                  className="-mr-1 size-7"
                  aria-label={`Move “${pilot.title}” to…`}
                  disabled={movingId === pilot.id}
                >
                  {busy ? <Spinner /> : <MoveRight aria-hidden="true" />}
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end" className="min-w-44">
                <DropdownMenuLabel>Move to</DropdownMenuLabel>
                {moves.map((to) => (
                  <DropdownMenuItem key={to} onSelect={() => onMove(pilot, to)}>
                    {moveLabel(pilot, to)}
                  </DropdownMenuItem>
                ))}
              </DropdownMenuContent>
            </DropdownMenu>
          ) : null
        }
      />
    </li>
  );
}

function CardBody({
  pilot,
  names,
  workspaceId,
  handle,
  menu,
  busy = false,
  overlay = false,
}: {
  pilot: Pilot;
  names: Map<string, string>;
  workspaceId: string;
  handle?: React.ReactNode;
  menu?: React.ReactNode;
  busy?: boolean;
  overlay?: boolean;
}) {
  const name = (id: string | null) => (id ? names.get(id) : undefined);
  const customer = name(pilot.customer_id);
  const owner = name(pilot.owner_id);
  return (
    <article
      aria-busy={busy || undefined}
      className={cn(
        "flex flex-col gap-2 rounded-md border bg-card p-2.5 text-sm shadow-xs",
        overlay && "rotate-1 shadow-lg ring-2 ring-accent",
      )}
    >
      {!overlay && (handle || menu) && (
        <div className="flex min-h-7 items-center gap-1.5">
          {handle}
          <span className="min-w-0 flex-1 truncate text-xs text-muted-foreground tabular-nums">
            {daysInStage(pilot.days_in_stage)}
          </span>
          {menu}
        </div>
      )}
      {overlay ? (
        <span className="break-words font-medium">{pilot.title}</span>
      ) : (
        <Link
          to="/w/$workspaceId/pilots/$pilotId"
          params={{ workspaceId, pilotId: pilot.id }}
          className="break-words font-medium text-accent-subtle-foreground hover:underline"
        >
          {pilot.title}
        </Link>
      )}
      {!overlay && <PilotStatus pilot={pilot} />}
      <dl className="flex flex-col gap-0.5 text-xs text-muted-foreground">
        <div className="flex gap-1">
          <dt className="sr-only">Customer</dt>
          <dd className="min-w-0 break-words">{customer ?? "No customer yet"}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="sr-only">Owner</dt>
          <dd className="min-w-0 break-words">{owner ? `Owner: ${owner}` : "No owner"}</dd>
        </div>
        {(overlay || !(handle || menu)) && (
          <div className="flex gap-1">
            <dt className="sr-only">Time in stage</dt>
            <dd className="tabular-nums">{daysInStage(pilot.days_in_stage)}</dd>
          </div>
        )}
      </dl>
    </article>
  );
}
