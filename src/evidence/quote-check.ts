/**
 * Does a number appear in the verbatim quote it claims to come from?
 *
 * The evidence set's first rule is that a reported number is in its quote. Sources write numbers
 * in many ways ("0·15", "−0.23", ".03", "ten", "2.1 x 10(-8)"), so the quote is normalised first
 * ("·" → ".", Unicode minus/hyphens → "-") and the number is matched in the written forms a
 * source may use. A value written in an unusual way declares its `valueText`, which must then be
 * in the quote and must parse to the value.
 */

const NUMBER_WORDS: Record<string, number> = {
  none: 0, no: 0, zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7,
  eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15,
  sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40,
  fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

export function normaliseQuote(text: string): string {
  return text
    .replace(/[·]/g, '.')
    .replace(/[\u2212\u2010\u2011\u2012\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ');
}

/** Parses a `valueText`: a decimal, a number word ("Six", "Seventeen"), or "a x 10(-b)". */
export function parseValueText(text: string): number | null {
  const t = normaliseQuote(text).trim().toLowerCase();
  const word = NUMBER_WORDS[t];
  if (word !== undefined) return word;
  // "Two-hundred and thirty-one" style
  const compound = t.match(/^([a-z]+)[- ]hundred(?: and)? ([a-z]+)(?:-([a-z]+))?$/);
  if (compound) {
    const h = NUMBER_WORDS[compound[1] ?? ''];
    const tens = NUMBER_WORDS[compound[2] ?? ''];
    const units = compound[3] ? NUMBER_WORDS[compound[3]] : 0;
    if (h !== undefined && tens !== undefined && units !== undefined) return h * 100 + tens + units;
  }
  // "a 6.75% reduction" is a change of −6.75%
  const reduction = t.match(/^(\d*\.?\d+)%? (reduction|decrease)$/);
  if (reduction) return -Number(reduction[1]);
  const verbal = t.match(/^(decreased|reduced|fell|increased|rose) by (\d*\.?\d+)$/);
  if (verbal) return (verbal[1] === 'increased' || verbal[1] === 'rose' ? 1 : -1) * Number(verbal[2]);
  // "sixty-eight", "twenty one"
  const tensUnits = t.match(/^([a-z]+)[- ]([a-z]+)$/);
  if (tensUnits) {
    const tens = NUMBER_WORDS[tensUnits[1] ?? ''];
    const units = NUMBER_WORDS[tensUnits[2] ?? ''];
    if (tens !== undefined && units !== undefined && tens >= 20 && tens % 10 === 0 && units > 0 && units < 10) return tens + units;
  }
  const sci = t.match(/^(-?\d*\.?\d+)\s*[x×]\s*10\s*\(?\s*(-?\d+)\s*\)?$/);
  if (sci) return Number(sci[1]) * 10 ** Number(sci[2]);
  const plain = t.replace(/^\+/, '').replace(/%$/, '');
  if (/^-?\d*\.?\d+$/.test(plain)) return Number(plain);
  return null;
}

/** The written forms of a decimal a source may use: "0.20", "0.2", ".2", "-0.23", "+0.12". */
function writtenForms(value: number): string[] {
  const abs = Math.abs(value);
  const forms = new Set<string>();
  const base = String(abs);
  forms.add(base);
  // Trailing zeros a source may print ("0.20", "1.0", "2.00").
  const [int, frac = ''] = base.split('.');
  for (let extra = 1; extra <= 2; extra++) forms.add(`${int}.${frac}${'0'.repeat(extra)}`);
  if (int === '0' && frac) forms.add(`.${frac}`);
  return [...forms];
}

export function numberAppearsInQuote(value: number, quote: string, valueText?: string): boolean {
  const q = normaliseQuote(quote);
  if (valueText !== undefined) {
    const parsed = parseValueText(valueText);
    if (parsed === null || Math.abs(parsed - value) > 1e-9 * Math.max(1, Math.abs(value))) return false;
    return q.toLowerCase().includes(normaliseQuote(valueText).toLowerCase());
  }
  for (const form of writtenForms(value)) {
    const escaped = form.replace(/[.]/g, '\\.');
    // Not part of a longer number; for negatives, the sign must be there (or the source writes
    // the magnitude after words such as "decreased by", which needs a valueText).
    // A "-" after a digit is a range dash ("0.15-0.20"), not a sign.
    const sign = value < 0 ? '-\\s?' : '(?<!(?<!\\d)-)\\+?';
    const re = new RegExp(`(?<![\\d.])${sign}${escaped}(?![\\d]|\\.\\d)`);
    if (re.test(q)) return true;
  }
  return false;
}
