// One colour per kind of change, the same in the strip, the table and the legend.
import type { ChangeKind } from '../../lib/analysis/compare/changeRows.ts';

export const CHANGE_COLOR: Record<ChangeKind, string> = {
  added: '#16a34a', // only in B: green
  removed: '#dc2626', // only in A: red
  retyped: '#d97706', // amber
  vnode: '#7c3aed', // violet
  igvm: '#0284c7', // sky
  boundary: '#71717a', // zinc
};
