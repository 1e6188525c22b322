// Attribute writes for the marks redrawn every zoom frame. A frame touches up to
// MAP_BUDGET marks with ~10 attributes each, and most of them (colour, dimming,
// selection, data-*) do not change while zooming: each element remembers what
// was last set, and only a change reaches the DOM. Only these helpers may write
// the attributes they manage.

type Remembering = Element & { __attrs?: Record<string, string> };

export function put(el: Element, name: string, value: string): void {
  const seen = ((el as Remembering).__attrs ??= Object.create(null) as Record<string, string>);
  if (seen[name] !== value) {
    seen[name] = value;
    el.setAttribute(name, value);
  }
}

/** A pixel position as an attribute: to the hundredth (shorter strings, and unchanged ones are not rewritten). */
export function px(value: number): string {
  return String(Math.round(value * 100) / 100);
}
