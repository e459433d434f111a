import { cn } from "@/lib/utils";

/** The Pilotboard mark: a "P" whose bowl ends in a dot, on an accent tile. Decorative. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
      className={cn("size-7", className)}
    >
      <rect width="32" height="32" rx="8" className="fill-accent" />
      <path
        d="M9 23V9h7.5a4.5 4.5 0 0 1 0 9H13"
        fill="none"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="stroke-accent-foreground"
      />
      <circle cx="22.5" cy="22.5" r="2.5" className="fill-accent-foreground" />
    </svg>
  );
}
