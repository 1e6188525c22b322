import { describe, expect, it } from 'vitest';
import { asDecodeError, DecodeError, errorInfo } from './errors.ts';
import { DtSemanticsError } from './openhclDeviceTree.ts';

describe('errorInfo (what crosses the worker boundary)', () => {
  it('keeps the device-tree node an error names, and guesses none from other fields', () => {
    const dt = new DtSemanticsError('/openhcl/memory@480000000', 'reg', 'a reg of whole cells', 120, 'reg is 7 bytes');
    expect(errorInfo(dt)).toEqual({ code: 'dt-semantics', message: 'reg is 7 bytes', offset: 120, expected: 'a reg of whole cells', node: '/openhcl/memory@480000000' });
    // A `path` that is no node (a JSON path, say) is not taken for one.
    const json = Object.assign(new DecodeError('json-format', 'a u64', 0, 'decoded.x: a u64'), { path: 'decoded.x' });
    expect(errorInfo(json)).not.toHaveProperty('node');
    expect(structuredClone(errorInfo(dt)).node).toBe('/openhcl/memory@480000000');
  });

  it('asDecodeError wraps anything else as internal, naming no stack', () => {
    expect(errorInfo(asDecodeError(new TypeError('x is undefined'), 7))).toEqual({ code: 'internal', message: 'internal decoder error: x is undefined', offset: 7, expected: 'input the decoder can handle' });
  });
});
