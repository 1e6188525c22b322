// The map's DOM skeleton, built once per renderer: the main SVG with its
// pattern defs and layer groups (in paint order), the minimap SVG and the
// tooltip box. Layers later find their group by class name.
import { select, type Selection } from 'd3';
import { GUTTER } from './geometry.ts';
import { IGVM_PATTERNS, SANS, type ThemeColors } from './palette.ts';

export type G = Selection<SVGGElement, unknown, null, undefined>;
export type Svg = Selection<SVGSVGElement, unknown, null, undefined>;
export type TooltipBox = Selection<HTMLDivElement, unknown, null, undefined>;

export interface MapElements {
  svg: Svg;
  mini: Svg;
  tooltip: TooltipBox;
  /** The zoomable plot area right of the gutter: d3-zoom listens here. */
  plot: G;
}

/** Builds the skeleton inside `host`; `uid` keeps pattern and clip ids apart between maps. */
export function buildMapElements(host: HTMLElement, uid: string): MapElements {
  const hostSel = select(host);
  const svg = hostSel.append('svg').attr('data-role', 'map').attr('role', 'img').attr('aria-label', 'Guest physical address map').style('display', 'block');
  const mini = hostSel.append('svg').attr('data-role', 'minimap').attr('aria-label', 'Overview of the whole address space: click or drag to move the window').style('display', 'block').style('cursor', 'pointer');
  const tooltip = hostSel.append('div').attr('data-testid', 'map-tooltip').attr('role', 'tooltip').style('position', 'absolute').style('pointer-events', 'none').style('display', 'none').style('z-index', '10');

  const defs = svg.append('defs');
  defs.append('clipPath').attr('id', `${uid}-clip`).append('rect');
  for (const p of IGVM_PATTERNS) {
    defs.append('pattern').attr('id', `${uid}-${p.id}`).attr('class', 'igvm-pattern').attr('width', 8).attr('height', 8).attr('patternUnits', 'userSpaceOnUse').append('path').attr('d', p.path).attr('stroke-width', 1.2);
  }
  defs.append('pattern').attr('id', `${uid}-gap`).attr('class', 'gap-pattern').attr('width', 6).attr('height', 6).attr('patternUnits', 'userSpaceOnUse').attr('patternTransform', 'rotate(45)').append('line').attr('x1', 0).attr('y1', 0).attr('x2', 0).attr('y2', 6).attr('stroke-width', 1);

  svg.append('rect').attr('class', 'background');
  svg.append('g').attr('class', 'gutter');
  const plot = svg.append('g').attr('class', 'plot');
  plot.append('rect').attr('class', 'surface').attr('fill', 'transparent').style('cursor', 'grab');
  const clipped = plot.append('g').attr('class', 'clipped').attr('clip-path', `url(#${uid}-clip)`);
  for (const name of ['lane-bgs', 'grid', 'gaps', 'lanes', 'accepted', 'selection-outline']) clipped.append('g').attr('class', name);
  // Marks are axis-aligned boxes: without anti-aliasing they rasterise faster, and edges stay sharp.
  clipped.select('.lanes').attr('shape-rendering', 'crispEdges');
  for (const name of ['axis', 'gap-labels', 'markers']) plot.append('g').attr('class', name);
  // Decoration lets the pointer through to the zoom surface.
  for (const name of ['.lane-bgs', '.grid', '.gaps', '.selection-outline', '.axis', '.gap-labels']) plot.select(name).attr('pointer-events', 'none');
  plot.append('g').attr('class', 'brush');
  return { svg, mini, tooltip, plot };
}

/** Sizes and colours the skeleton for the host's width and the theme. */
export function sizeMapElements({ svg, plot }: MapElements, uid: string, width: number, height: number, plotWidth: number, c: ThemeColors): void {
  svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`).style('background', c.bg).style('font-family', SANS);
  svg.select('.background').attr('width', width).attr('height', height).attr('fill', c.bg);
  svg.select(`#${uid}-clip rect`).attr('x', 0).attr('y', 0).attr('width', plotWidth).attr('height', height);
  svg.selectAll('.igvm-pattern path').attr('stroke', c.patternInk).attr('fill', c.patternInk);
  svg.selectAll('.gap-pattern line').attr('stroke', c.gapStroke).attr('stroke-opacity', 0.35);
  plot.attr('transform', `translate(${GUTTER},0)`);
  plot.select('.surface').attr('width', plotWidth).attr('height', height);
}
