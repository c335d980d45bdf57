/** A deterministic document of about `bytes` bytes once stringified. */
export function makeDocument(bytes: number): { items: Array<{ id: number; name: string; tags: string[]; value: number; ok: boolean }> } {
  // Each item stringifies to about 80 bytes.
  const count = Math.max(1, Math.round(bytes / 80));
  const items = new Array(count);
  for (let i = 0; i < count; i++) {
    items[i] = { id: i, name: `item-${i}`, tags: ['lab', i % 2 === 0 ? 'even' : 'odd'], value: i * 1.5, ok: i % 3 === 0 };
  }
  return { items };
}

/** Builds, stringifies and parses a document; the checksum depends on both directions. */
export function jsonWork(bytes: number): { checksum: string; text: string } {
  const text = JSON.stringify(makeDocument(bytes));
  const parsed = JSON.parse(text) as ReturnType<typeof makeDocument>;
  let sum = 0;
  for (const item of parsed.items) sum = (sum + item.id + (item.ok ? 1 : 0)) % 1_000_000_007;
  return { checksum: `${text.length}:${parsed.items.length}:${sum}`, text };
}
