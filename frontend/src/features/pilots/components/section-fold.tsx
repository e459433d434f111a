import type * as React from "react";
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { Stage } from "../labels";

/** The pilot page's sections, by the id each is anchored at. */
export const PILOT_SECTIONS = {
  candidates: "Candidates",
  departments: "Departments",
  iterations: "Iterations",
  metrics: "Metrics",
  "customer-voice": "Customer voice",
  decisions: "Decisions",
  "scale-plan": "Scale plan",
  practices: "Practices",
  activity: "Discussion",
} as const;

export type SectionId = keyof typeof PILOT_SECTIONS;

export type SectionPlan = {
  /** Every section, in the order the page shows them (and the section nav lists them). */
  order: SectionId[];
  /** The sections the stage needs: open unless the person closed them. */
  open: SectionId[];
};

const ALL = Object.keys(PILOT_SECTIONS) as SectionId[];

/** The sections a stage needs first; every other one follows in its usual order. */
function plan(first: SectionId[], open: SectionId[] = first): SectionPlan {
  return { order: [...first, ...ALL.filter((id) => !first.includes(id))], open };
}

/**
 * What the page leads with in each stage: while choosing, the candidates (the gate is above);
 * while running, the latest iteration, the metrics and the departments; in the scale review, the
 * evidence (lift and progress, the customer-rated difference, the iterations) next to the
 * decision, then the scale plan its gate asks for; while scaling, the scale plan; once closed, the outcome and its evidence.
 */
export function sectionPlan(stage: Stage): SectionPlan {
  switch (stage) {
    case "proposed":
    case "selecting":
      return plan(["candidates", "departments", "metrics", "decisions"]);
    case "running":
    case "paused":
      return plan(
        ["iterations", "metrics", "departments", "customer-voice", "decisions"],
        ["iterations", "metrics", "departments"],
      );
    case "scale_review":
      // The scale plan is what the gate into scaling asks for: it follows the evidence, open.
      return plan(
        ["metrics", "decisions", "customer-voice", "iterations", "scale-plan", "departments"],
        ["metrics", "decisions", "customer-voice", "iterations", "scale-plan"],
      );
    case "scaling":
      return plan(
        ["scale-plan", "metrics", "decisions", "departments", "iterations"],
        ["scale-plan", "metrics"],
      );
    case "adopted":
    case "stopped":
      return plan(
        ["decisions", "metrics", "customer-voice", "iterations", "practices"],
        ["decisions", "metrics"],
      );
  }
}

const storageKey = (pilotId: string, section: string) =>
  `pilotboard:pilot-section:${pilotId}:${section}`;

function remembered(pilotId: string, section: string): boolean | null {
  try {
    const value = window.localStorage.getItem(storageKey(pilotId, section));
    return value === "open" ? true : value === "closed" ? false : null;
  } catch {
    return null;
  }
}

function remember(pilotId: string, section: string, open: boolean) {
  try {
    window.localStorage.setItem(storageKey(pilotId, section), open ? "open" : "closed");
  } catch {
    // Private mode or a full quota: the choice lasts until the page is left.
  }
}

type Fold = {
  isOpen: (section: string) => boolean;
  setOpen: (section: string, open: boolean) => void;
};

const FoldContext = createContext<Fold | null>(null);

/**
 * Which of the pilot's sections are open: the stage's plan, then what the person chose for this
 * pilot and section (kept in localStorage). `forced` sections are open whatever was chosen (a
 * link to a decision form, a comment or a section).
 */
export function SectionFoldProvider({
  pilotId,
  open,
  forced = [],
  children,
}: {
  pilotId: string;
  open: readonly string[];
  forced?: readonly string[];
  children: React.ReactNode;
}) {
  const [choices, setChoices] = useState<Record<string, boolean>>({});
  const isOpen = useCallback(
    (section: string) =>
      choices[section] ??
      (forced.includes(section) || (remembered(pilotId, section) ?? open.includes(section))),
    [choices, forced, open, pilotId],
  );
  const setOpen = useCallback(
    (section: string, value: boolean) => {
      remember(pilotId, section, value);
      setChoices((prev) => ({ ...prev, [section]: value }));
    },
    [pilotId],
  );
  // Any link to a section (`#metrics`) or to a comment (`#comment-…`) opens what it points at.
  useEffect(() => {
    const onHash = () => {
      const target = window.location.hash.replace(/^#/, "");
      const section = target.startsWith("comment-") ? "activity" : target;
      if (section in PILOT_SECTIONS) setOpen(section, true);
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [setOpen]);
  const fold = useMemo(() => ({ isOpen, setOpen }), [isOpen, setOpen]);
  return <FoldContext.Provider value={fold}>{children}</FoldContext.Provider>;
}

/** The open state of one section, or null outside a provider (always open, no disclosure). */
export function useSectionFold(section: string) {
  const fold = useContext(FoldContext);
  if (!fold) return null;
  return {
    open: fold.isOpen(section),
    setOpen: (value: boolean) => fold.setOpen(section, value),
  };
}

/** Opens a section (e.g. when the section nav or a link goes there). */
export function useOpenSection() {
  const fold = useContext(FoldContext);
  return (section: string) => {
    if (fold && !fold.isOpen(section)) fold.setOpen(section, true);
  };
}
