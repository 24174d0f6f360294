// Datetime cell formats as a subset of Java's SimpleDateFormat patterns (the notation of Weka's ARFF
// `date` attributes), read and written in UTC so a column comes back in exactly the text form it had.

/** ARFF's default `date` format (ISO 8601 without a zone), as Weka writes it. */
export const ARFF_DEFAULT_DATE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss";

/** A compiled datetime format: `parse` gives milliseconds since the epoch (UTC) or undefined. */
export interface DatetimeFormat {
  readonly pattern: string;
  parse(text: string): number | undefined;
  format(ms: number): string;
}

type Field = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'fraction';
type Token = { literal: string } | { field: Field; width: number; fixed: boolean };

const LETTERS: Record<string, Field> = { y: 'year', M: 'month', d: 'day', H: 'hour', m: 'minute', s: 'second', S: 'fraction' };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      // '' is a literal quote; 'text' is literal text (Java's rules)
      if (pattern[i + 1] === "'") {
        tokens.push({ literal: "'" });
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= pattern.length) throw new Error(`Datetime format ${JSON.stringify(pattern)} opens a quoted literal that is never closed.`);
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j++];
      }
      tokens.push({ literal: text });
      i = j + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      const width = j - i;
      const field = LETTERS[c];
      if (!field) {
        throw new Error(
          `Datetime format ${JSON.stringify(pattern)} uses the letter '${c}', which genlab does not support; ` +
            `supported: yyyy, MM/M, dd/d, HH/H, mm/m, ss/s, S…SSS (fractions of a second), and 'quoted' literal text.`,
        );
      }
      if (field === 'year' && width !== 4) throw new Error(`Datetime format ${JSON.stringify(pattern)}: the year must be written yyyy (four digits), got ${c.repeat(width)}.`);
      if (field === 'fraction' && width > 3) throw new Error(`Datetime format ${JSON.stringify(pattern)}: at most three fraction digits (SSS, milliseconds) are supported, got ${width}.`);
      if (field !== 'year' && field !== 'fraction' && width > 2) throw new Error(`Datetime format ${JSON.stringify(pattern)}: ${c.repeat(width)} is not supported; write ${c}${c} (two digits) or ${c}.`);
      tokens.push({ field, width, fixed: field === 'year' || field === 'fraction' || width === 2 });
      i = j;
    } else {
      tokens.push({ literal: c });
      i++;
    }
  }
  if (!tokens.some((t) => 'field' in t && t.field === 'year')) throw new Error(`Datetime format ${JSON.stringify(pattern)} has no year (yyyy).`);
  return tokens;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles a SimpleDateFormat-style pattern; throws naming an unsupported letter. */
export function compileDatetimeFormat(pattern: string): DatetimeFormat {
  const tokens = tokenize(pattern);
  const fields: { field: Field; width: number }[] = [];
  let re = '^';
  for (const t of tokens) {
    if ('literal' in t) re += escapeRe(t.literal);
    else {
      re += t.fixed ? `(\\d{${t.width}})` : '(\\d{1,2})';
      fields.push(t);
    }
  }
  const regex = new RegExp(re + '$');
  const parse = (text: string): number | undefined => {
    const m = regex.exec(text);
    if (!m) return undefined;
    const v = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, fraction: 0 };
    fields.forEach((f, i) => {
      const digits = m[i + 1];
      v[f.field] = f.field === 'fraction' ? Number(digits) * 10 ** (3 - f.width) : Number(digits);
    });
    if (v.month < 1 || v.month > 12 || v.day < 1 || v.hour > 23 || v.minute > 59 || v.second > 59) return undefined;
    const d = new Date(0);
    // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999
    d.setUTCFullYear(v.year, v.month - 1, v.day);
    d.setUTCHours(v.hour, v.minute, v.second, v.fraction);
    if (d.getUTCDate() !== v.day || d.getUTCMonth() !== v.month - 1) return undefined; // 2021-02-30
    return d.getTime();
  };
  const format = (ms: number): string => {
    const d = new Date(Math.round(ms));
    if (!Number.isFinite(d.getTime())) throw new Error(`Datetime format ${JSON.stringify(pattern)}: cannot write ${ms}, which is not a valid time.`);
    const v: Record<Field, number> = {
      year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
      hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), fraction: d.getUTCMilliseconds(),
    };
    let out = '';
    for (const t of tokens) {
      if ('literal' in t) out += t.literal;
      else if (t.field === 'fraction') out += String(v.fraction).padStart(3, '0').slice(0, t.width);
      else out += String(v[t.field]).padStart(t.fixed ? t.width : 1, '0');
    }
    return out;
  };
  return { pattern, parse, format };
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:([T ])\d{2}:\d{2}(?::\d{2}(?:\.(\d{1,3}))?)?(Z)?)?$/;

/**
 * The pattern of an ISO-8601 date or datetime cell (YYYY-MM-DD, then optionally T or space, HH:mm,
 * :ss, .S–.SSS and Z), or undefined when the cell is not one; the date itself is checked by `parse`.
 */
export function detectIsoFormat(text: string): string | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  let pattern = 'yyyy-MM-dd';
  if (m[1] !== undefined) {
    pattern += (m[1] === 'T' ? "'T'" : ' ') + 'HH:mm';
    if (text.length >= 19 && text[16] === ':') pattern += ':ss';
    if (m[2] !== undefined) pattern += '.' + 'S'.repeat(m[2].length);
    if (m[3] !== undefined) pattern += "'Z'";
  }
  return pattern;
}
