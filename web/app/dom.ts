// Element ids and selectors that one part of the page uses to reach another
// (a key focuses the address box, the Share menu saves the map): kept here so
// neither imports the other.
export const FILE_INPUT_ID = 'open-file-input';
/** The file input of "Compare with…": the file chosen becomes B. */
export const COMPARE_INPUT_ID = 'compare-file-input';
export const ADDRESS_FILTER_ID = 'entry-filter-address';
/** The element the address map renders into. */
export const MAP_CONTAINER_SELECTOR = '[data-testid="address-map"]';
