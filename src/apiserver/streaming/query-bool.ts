/**
 * Reads a boolean query parameter as apimachinery's Convert_Slice_string_To_bool does: absent is
 * false; `false` and `0` (any case) are false; anything else, the empty value included, is true.
 */
export function queryBool(query: URLSearchParams, name: string): boolean {
  const v = query.get(name)
  if (v === null) return false
  const lower = v.toLowerCase()
  return lower !== 'false' && lower !== '0'
}
