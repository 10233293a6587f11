/**
 * An exception's groups in words, by their labels: `Everyone`, `Pupils`, `Pupils and
 * Staff`, `Pupils, Staff and Visitors`. An id the policy no longer has is shown as it is.
 *
 * ### Examples
 * ```ts
 * groupNames(['pupils', 'staff'], [{ id: 'pupils', label: 'Pupils' }, { id: 'staff', label: 'Staff' }]); // 'Pupils and Staff'
 * ```
 */
export function groupNames(
  groups: readonly string[] | null,
  known: readonly { readonly id: string; readonly label: string }[] | undefined,
): string {
  if (groups === null || groups.length === 0) return 'Everyone';
  const names = groups.map((id) => known?.find((g) => g.id === id)?.label ?? id);
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
