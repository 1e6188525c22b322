// One colour per MemoryVtlType, the same in the table swatches, the NUMA bars,
// the map and the memory-layout diagram: the palette lives DOM-free in
// web/lib/diagram/colors.ts so the CLI's SVG uses it too.
export { vtlColor } from '../../lib/diagram/colors.ts';
