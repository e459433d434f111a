import { CircleCheck, X } from "lucide-react";
import { toasts as store, useToasts } from "@/lib/toast";

/** The toast region: always in the DOM so screen readers announce what is added to it. */
export function Toaster() {
  const toasts = useToasts();
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label="Notifications"
      // Top of the screen, below the two-row top bar (6.5 rem): form actions (Save, Continue)
      // sit at the bottom of forms and dialogs, and a toast must never cover them.
      className="pointer-events-none fixed inset-x-0 top-26 z-[60] flex flex-col items-center gap-2 p-3 sm:items-end sm:p-4 print:hidden"
    >
      {toasts.map((t) => (
        <div
          key={t.id}
          className="pointer-events-auto flex w-full max-w-sm items-center gap-3 rounded-lg border bg-card px-4 py-3 text-sm text-card-foreground shadow-lg motion-safe:animate-[toast-in_200ms_ease-out]"
        >
          <CircleCheck aria-hidden="true" className="size-4 shrink-0 text-success-foreground" />
          <p className="min-w-0 flex-1 break-words">{t.message}</p>
          <button
            type="button"
            onClick={() => store.dismiss(t.id)}
            className="-mr-1 flex size-7 shrink-0 cursor-pointer items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground"
            aria-label="Dismiss notification"
          >
            <X aria-hidden="true" className="size-4" />
          </button>
        </div>
      ))}
    </div>
  );
}
