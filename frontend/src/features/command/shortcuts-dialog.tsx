import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Kbd } from "./kbd";
import { shortcutList } from "./shortcuts";

/** The `?` dialog: every shortcut, where it works, and that none fires while typing. */
export function ShortcutsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const shortcuts = shortcutList();
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription>
            One-key shortcuts stay quiet while you type in a field or while a dialog is open.
          </DialogDescription>
        </DialogHeader>
        {(["Anywhere", "Lists"] as const).map((where) => (
          <section
            key={where}
            aria-labelledby={`shortcuts-${where}`}
            className="flex flex-col gap-2"
          >
            <h3 id={`shortcuts-${where}`} className="text-sm font-medium text-muted-foreground">
              {where === "Anywhere" ? "Anywhere" : "In the pilots, customers and departments lists"}
            </h3>
            <dl className="flex flex-col divide-y rounded-lg border">
              {shortcuts
                .filter((s) => s.where === where)
                .map((s) => (
                  <div
                    key={s.description}
                    className="flex items-center justify-between gap-4 px-3 py-2"
                  >
                    <dt className="text-sm">{s.description}</dt>
                    <dd className="shrink-0">
                      <Kbd keys={s.keys} />
                    </dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </DialogContent>
    </Dialog>
  );
}
