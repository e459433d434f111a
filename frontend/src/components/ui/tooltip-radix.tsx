import { Tooltip as TooltipPrimitive } from "radix-ui";
import * as React from "react";
import { cn } from "@/lib/utils";
import type { TooltipProps } from "./tooltip";

/**
 * The tooltip itself (Radix), in a chunk of its own (see tooltip.tsx). `defaultOpen` and `focus`
 * carry over what the person was doing to the stand-in it replaces: hovering or focusing it.
 */
export default function RadixTooltip({
  content,
  children,
  className,
  side = "top",
  defaultOpen = false,
  focus = false,
}: TooltipProps & { defaultOpen?: boolean; focus?: boolean }) {
  const trigger = React.useRef<HTMLButtonElement>(null);
  React.useLayoutEffect(() => {
    const active = document.activeElement;
    if (focus && (!active || active === document.body)) trigger.current?.focus();
  }, [focus]);
  return (
    <TooltipPrimitive.Provider delayDuration={150}>
      <TooltipPrimitive.Root defaultOpen={defaultOpen}>
        <TooltipPrimitive.Trigger asChild ref={trigger}>
          {children}
        </TooltipPrimitive.Trigger>
        <TooltipPrimitive.Portal>
          <TooltipPrimitive.Content
            side={side}
            sideOffset={6}
            collisionPadding={8}
            className={cn(
              "z-50 max-w-[min(20rem,calc(100vw-1rem))] rounded-lg border bg-card px-3 py-2 text-sm text-card-foreground shadow-lg",
              className,
            )}
          >
            {content}
          </TooltipPrimitive.Content>
        </TooltipPrimitive.Portal>
      </TooltipPrimitive.Root>
    </TooltipPrimitive.Provider>
  );
}
