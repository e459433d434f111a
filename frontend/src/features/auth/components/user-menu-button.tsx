import { DeferredMenu } from "@/components/deferred-menu";
import { Button } from "@/components/ui/button";
import { initials } from "@/lib/format";
import type { Me } from "../queries";

const loadUserMenu = () => import("./user-menu");

/** The account button in the top bar (the person's initials); its menu loads on idle or on use. */
export function UserMenuButton({ me }: { me: Me }) {
  return (
    <DeferredMenu
      load={loadUserMenu}
      menu={(m, props) => <m.UserMenu me={me} {...props} />}
      trigger={
        <Button
          variant="ghost"
          size="icon"
          className="rounded-full"
          aria-label={`Account: ${me.name}`}
        >
          <span
            aria-hidden="true"
            className="flex size-8 items-center justify-center rounded-full bg-accent-subtle text-xs font-semibold text-accent-subtle-foreground"
          >
            {initials(me.name)}
          </span>
        </Button>
      }
    />
  );
}
