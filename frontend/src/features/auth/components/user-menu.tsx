import { Link } from "@tanstack/react-router";
import { Activity, Bell, LogOut, MailCheck } from "lucide-react";
import type { DeferredMenuProps } from "@/components/deferred-menu";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { toast } from "@/lib/toast";
import { type Me, useSignOut } from "../queries";

/** The account menu, in a chunk of its own: the top bar draws its button (see user-menu-button). */
export function UserMenu({ me, trigger, defaultOpen }: { me: Me } & DeferredMenuProps) {
  const { signOut, isPending } = useSignOut();

  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel className="flex flex-col gap-0.5 font-normal">
          <span className="truncate text-sm font-medium text-foreground">{me.name}</span>
          <span className="truncate text-xs text-muted-foreground">{me.email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link to="/notifications">
            <Bell aria-hidden="true" />
            Notifications
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link to="/preferences">
            <MailCheck aria-hidden="true" />
            Email preferences
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link to="/status">
            <Activity aria-hidden="true" />
            System status
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem
          onSelect={(event) => {
            event.preventDefault();
            void signOut().then(() => toast("You are signed out"));
          }}
          disabled={isPending}
        >
          <LogOut aria-hidden="true" />
          {isPending ? "Signing out…" : "Sign out"}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
