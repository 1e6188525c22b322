// Samples shipped in public/samples: real encodings (copies of the golden fixtures,
// and the synthetic_* files written by scripts/make-samples.ts).
export interface Sample {
  file: string;
  label: string;
}

export const SAMPLES: Sample[] = [
  { file: 'img02_realistic.bin', label: 'VTL2 image: realistic 2-node x64' },
  { file: 'p03_realistic_x64_2node.bin', label: 'Saved state: realistic 2-node x64' },
  { file: 'p02_single_memory_entry.bin', label: 'Saved state: one memory entry' },
  { file: 'p08_mmio_only.bin', label: 'Saved state: MMIO only' },
  { file: 'tol01_unknown_fields_appended.bin', label: 'Saved state: unknown fields from a newer OpenHCL' },
  { file: 'dt01_x64_2node_host.dtb', label: 'Device tree: realistic 2-node x64 (/sys/firmware/fdt)' },
  { file: 'synthetic_10k_8node.bin', label: 'Synthetic: 10,000 ranges over 8 vnodes' },
  { file: 'synthetic_100k_64node.bin', label: 'Synthetic: 100,000 ranges over 64 vnodes' },
  { file: 'synthetic_dt_64node.dtb', label: 'Synthetic device tree: 64 vnodes, ~4,000 ranges, 256 CPUs' },
  { file: 'bad_img01_bad_magic.bin', label: 'Damaged image: bad magic' },
  { file: 'bad_img03_payload_len_gt_region_len.bin', label: 'Damaged image: payload longer than region' },
  { file: 'bad_p01_truncated_mid_field.bin', label: 'Damaged saved state: truncated' },
];

export const DEFAULT_SAMPLE = SAMPLES[0]!;

export async function fetchSample(sample: Sample): Promise<Blob> {
  const response = await fetch(`${import.meta.env.BASE_URL}samples/${sample.file}`);
  if (!response.ok) throw new Error(`sample ${sample.file}: HTTP ${response.status}`);
  return response.blob();
}
