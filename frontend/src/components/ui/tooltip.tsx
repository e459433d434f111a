import * as React from "react";
import { useDeferredChunk } from "@/components/deferred-menu";

export type TooltipProps = {
  content: React.ReactNode;
  children: React.ReactNode;
  className?: string;
  side?: "top" | "right" | "bottom" | "left";
};

// Radix's tooltip (and its positioning) is not part of a page's first script: fetched when the
// page is idle, or when the pointer or the focus first reaches a trigger, and put in place of the
// plain trigger once it has arrived.
const loadTooltip = () => import("./tooltip-radix");

type Handlers = {
  onPointerEnter?: (event: React.PointerEvent) => void;
  onPointerLeave?: (event: React.PointerEvent) => void;
  onFocus?: (event: React.FocusEvent) => void;
  onBlur?: (event: React.FocusEvent) => void;
};

/**
 * A tooltip that opens on hover and on keyboard focus, closes with Esc, and describes its
 * trigger for screen readers. The trigger must be focusable (a button or link).
 */
export function Tooltip(props: TooltipProps) {
  const [radix, start] = useDeferredChunk(loadTooltip);
  // What the person is doing with the plain trigger, carried over to Radix's when it arrives.
  const hovered = React.useRef(false);
  const focused = React.useRef(false);

  const { children } = props;
  if (radix) {
    const open = hovered.current || focused.current;
    return <radix.default {...props} defaultOpen={open} focus={focused.current} />;
  }
  if (!React.isValidElement<Handlers>(children)) return children;
  const own = children.props;
  return React.cloneElement(children, {
    onPointerEnter: (event) => {
      own.onPointerEnter?.(event);
      hovered.current = true;
      start();
    },
    onPointerLeave: (event) => {
      own.onPointerLeave?.(event);
      hovered.current = false;
    },
    onFocus: (event) => {
      own.onFocus?.(event);
      focused.current = true;
      start();
    },
    onBlur: (event) => {
      own.onBlur?.(event);
      if (event.currentTarget.isConnected) focused.current = false;
    },
  });
}
