import type { DeferredMenuProps } from "@/components/deferred-menu";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

/**
 * The report's two menus, in a chunk of their own: the page draws their buttons at once (see
 * DeferredMenu) and they arrive when the page is idle or the button is used.
 */
export function CsvMenu({
  trigger,
  defaultOpen,
  spreadsheetHref,
  machineHref,
}: DeferredMenuProps & { spreadsheetHref: string; machineHref: string }) {
  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuItem asChild>
          <a href={spreadsheetHref} download>
            <span className="flex flex-col">
              <span>CSV for spreadsheets</span>
              <span className="text-xs text-muted-foreground">
                Words and percentages: “Scale review”, “11.7 %”
              </span>
            </span>
          </a>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <a href={machineHref} download>
            <span className="flex flex-col">
              <span>CSV for machines</span>
              <span className="text-xs text-muted-foreground">
                Codes and fractions: “scale_review”, “0.117”
              </span>
            </span>
          </a>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

export function PrintMenu({
  trigger,
  defaultOpen,
  onPrint,
}: DeferredMenuProps & { onPrint: (landscape: boolean) => void }) {
  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuItem onSelect={() => onPrint(false)}>Print (portrait)</DropdownMenuItem>
        <DropdownMenuItem onSelect={() => onPrint(true)}>Print (landscape)</DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
