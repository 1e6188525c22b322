// Where the share menu (web/app/share) sits in the top bar. The URL ↔ view sync
// runs here too: the top bar is always mounted.
import { ShareMenu } from '../share/ShareMenu.tsx';
import { useShareLink } from '../share/useShareLink.ts';

export function ShareSlot() {
  useShareLink();
  return <ShareMenu />;
}
