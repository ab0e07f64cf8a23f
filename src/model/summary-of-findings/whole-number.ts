/**
 * A whole number written as `toLocaleString('en-GB')` writes it ("1,000", "-12,345"), without
 * Intl. Why: the first en-GB formatting on a page initialises ICU's locale data, measured at
 * 55–88 ms in Chromium on this project's machine, and the Summary of Findings table paid it on
 * every cold load (its per-1,000 cells are the only locale formatting on the page). Numbers that
 * are not whole are left to Intl.
 */
export function wholeNumberText(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-GB');
  const digits = String(Math.abs(n));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = (end > 3 ? ',' : '') + digits.slice(Math.max(0, end - 3), end) + out;
  return (n < 0 || Object.is(n, -0) ? '-' : '') + out; // Intl writes −0 as "-0" too
}
