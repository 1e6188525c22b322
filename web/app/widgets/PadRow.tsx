// The space of a virtualised table's rows that are not in the DOM (see useVirtualRows.ts).
/** The space of the rows not in the DOM, above or below those that are. */
export function PadRow({ height, columns }: { height: number; columns: number }) {
  return height > 0 ? (
    <tr aria-hidden style={{ height }}>
      <td colSpan={columns} />
    </tr>
  ) : null;
}
