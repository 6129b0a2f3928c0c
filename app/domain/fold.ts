// Text compared without Vietnamese diacritics, as people type it on any
// keyboard ("nguyen" finds "Nguyễn"): one helper for search, keys and checks.

/** Lower case with every combining mark removed and đ read as d (NFD does not decompose it). */
export function foldDiacritics(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
}
