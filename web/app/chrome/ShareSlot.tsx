// Where the share menu (web/app/share/ShareMenu.tsx, another module) sits in the top bar.
// TODO(share): render <ShareMenu /> here once web/app/share/ShareMenu.tsx exists.
export function ShareSlot() {
  return null;
}
