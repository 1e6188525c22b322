import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROTO_DIR, SCHEMA_JSON_PATH, schemaJsonFromProto } from '../../../scripts/schemaFromProto.ts';
import { FIXTURES_DIR } from '../testing/fixtures.ts';
import { messageSpec, SAVED_STATE_TYPE } from './schema.ts';

describe('schema', () => {
  it('schema.generated.json is what proto/ generates (run `npm run gen:schema` after editing proto/)', () => {
    expect(readFileSync(SCHEMA_JSON_PATH, 'utf8')).toBe(schemaJsonFromProto());
  });

  it('has the field numbers and types of FORMAT.md §3', () => {
    const shape = (name: string) => messageSpec(name).fields.map((f) => `${f.id}:${f.name}:${f.kind === 'message' ? f.message().fullName : `${f.kind}/${f.bits}`}${f.repeated ? '[]' : ''}`);
    expect(shape(SAVED_STATE_TYPE)).toEqual([
      '1:partition_memory:openhcl.openhcl_boot.MemoryEntry[]',
      '2:partition_mmio:openhcl.openhcl_boot.MmioEntry[]',
      '3:cpus_with_mapped_interrupts_no_io:uint32/32[]',
      '4:cpus_with_outstanding_io:uint32/32[]',
    ]);
    expect(shape('openhcl.openhcl_boot.MemoryEntry')).toEqual([
      '1:range:topology.MemoryRange',
      '2:vnode:uint32/32',
      '3:vtl_type:openhcl.openhcl_boot.MemoryVtlType',
      '4:igvm_type:openhcl.openhcl_boot.IgvmMemoryType',
    ]);
    expect(shape('openhcl.openhcl_boot.MmioEntry')).toEqual(['1:range:topology.MemoryRange', '2:vtl_type:openhcl.openhcl_boot.MemoryVtlType']);
    expect(shape('topology.MemoryRange')).toEqual(['1:start:uint64/64', '2:end:uint64/64']);
    expect(shape('openhcl.openhcl_boot.IgvmMemoryType')).toEqual(['1:value:uint32/16']);
    expect(messageSpec('openhcl.openhcl_boot.MemoryVtlType').knownValues?.get(12)).toBe('VTL2_PERSISTED_STATE_PROTOBUF');
  });

  // protoc comes from Debian's protobuf-compiler, which .ci/run installs: in CI this always runs.
  const protoc = ['/usr/bin/protoc', '/usr/local/bin/protoc'].find((p) => existsSync(p));
  it.runIf(protoc !== undefined || process.env.CI)('protoc decodes the realistic fixture with proto/', () => {
    const out = execFileSync(protoc ?? 'protoc', ['--decode=openhcl.openhcl_boot.SavedState', `-I${PROTO_DIR}`, path.join(PROTO_DIR, 'openhcl_boot.proto')], {
      input: readFileSync(path.join(FIXTURES_DIR, 'p03_realistic_x64_2node.bin')),
    }).toString();
    expect(out.match(/^partition_memory \{/gm)).toHaveLength(14);
    expect(out.match(/^partition_mmio \{/gm)).toHaveLength(3);
    expect(out).toContain('start: 19495124992');
    expect(out).toContain('cpus_with_outstanding_io: 130');
  });
});
