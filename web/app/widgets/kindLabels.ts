// How the app names an input's kind (top bar, compare view).
import type { InputKind } from '../../lib/model/topology.ts';

export const KIND_LABEL: Record<InputKind, string> = { 'vtl2-image': 'VTL2 image', 'saved-state': 'saved state', 'device-tree': 'device tree' };
