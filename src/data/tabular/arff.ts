// Weka ARFF (Attribute-Relation File Format, dense rows) → TypedTable: nominal attributes keep their
// declared category order; follows Weka's ArffLoader (quotes ' or " with \ escapes, % comments, '?' missing).
import type { TypedTable } from './types.js';
import { buildColumn, type ColumnDecl } from './infer-columns.js';
import { ARFF_DEFAULT_DATE_FORMAT } from './datetime-format.js';

interface Tok {
  text: string;
  quoted: boolean;
  /** '{', '}' or ',' outside quotes. */
  punct: boolean;
}

interface Attribute {
  name: string;
  line: number;
  type: 'numeric' | 'integer' | 'string' | 'date' | 'nominal';
  values?: string[];
  format?: string;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"', '%': '%' };

/** Splits one line into tokens; '%' outside quotes starts a comment. */
function tokenize(line: string, lineNo: number, source: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') i++;
    else if (c === '%') break;
    else if (c === '{' || c === '}' || c === ',') {
      out.push({ text: c, quoted: false, punct: true });
      i++;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= line.length) throw new Error(`${source}: line ${lineNo} opens a ${c === "'" ? 'single' : 'double'}-quoted value that is not closed on that line.`);
        const d = line[j];
        if (d === c) break;
        if (d === '\\' && j + 1 < line.length) {
          text += ESCAPES[line[j + 1]] ?? line[j + 1];
          j += 2;
        } else {
          text += d;
          j++;
        }
      }
      out.push({ text, quoted: true, punct: false });
      i = j + 1;
    } else {
      let j = i;
      while (j < line.length && !' \t{},%'.includes(line[j])) j++;
      out.push({ text: line.slice(i, j), quoted: false, punct: false });
      i = j;
    }
  }
  return out;
}

function parseAttribute(toks: Tok[], lineNo: number, source: string): Attribute {
  const name = toks[1];
  if (!name || name.punct) throw new Error(`${source}: line ${lineNo}: @attribute needs a name and a type, e.g. @attribute age numeric.`);
  const type = toks[2];
  if (!type) throw new Error(`${source}: line ${lineNo}: @attribute '${name.text}' has no type; expected numeric, real, integer, string, date or {value, …}.`);
  if (type.punct && type.text === '{') {
    const values: string[] = [];
    let k = 3;
    for (;;) {
      const t = toks[k];
      if (!t) throw new Error(`${source}: line ${lineNo}: the value list of @attribute '${name.text}' is not closed with '}'.`);
      if (t.punct && t.text === '}') break;
      if (t.punct) throw new Error(`${source}: line ${lineNo}: the value list of @attribute '${name.text}' has an empty entry near '${t.text}'.`);
      values.push(t.text);
      const sep = toks[k + 1];
      if (!sep) throw new Error(`${source}: line ${lineNo}: the value list of @attribute '${name.text}' is not closed with '}'.`);
      if (sep.punct && sep.text === ',') k += 2;
      else if (sep.punct && sep.text === '}') k += 1;
      else throw new Error(`${source}: line ${lineNo}: the value list of @attribute '${name.text}' needs commas between values.`);
    }
    if (new Set(values).size !== values.length) throw new Error(`${source}: line ${lineNo}: @attribute '${name.text}' lists a nominal value twice.`);
    return { name: name.text, line: lineNo, type: 'nominal', values };
  }
  const word = type.text.toLowerCase();
  if (word === 'numeric' || word === 'real') return { name: name.text, line: lineNo, type: 'numeric' };
  if (word === 'integer') return { name: name.text, line: lineNo, type: 'integer' };
  if (word === 'string') return { name: name.text, line: lineNo, type: 'string' };
  if (word === 'date') return { name: name.text, line: lineNo, type: 'date', format: toks[3]?.text ?? ARFF_DEFAULT_DATE_FORMAT };
  if (word === 'relational') throw new Error(`${source}: line ${lineNo}: @attribute '${name.text}' is relational (multi-instance); genlab reads flat tables only.`);
  throw new Error(`${source}: line ${lineNo}: @attribute '${name.text}' has the unknown type '${type.text}'; expected numeric, real, integer, string, date or {value, …}.`);
}

/** One dense data row's values (undefined marks an unquoted '?'). */
function parseRow(toks: Tok[], lineNo: number, source: string, width: number): (string | undefined)[] {
  if (toks[0]?.punct && toks[0].text === '{') {
    throw new Error(
      `${source}: line ${lineNo} is a sparse row ({index value, …}); genlab reads dense ARFF only — ` +
        `convert the file first (Weka: weka.filters.unsupervised.instance.SparseToNonSparse).`,
    );
  }
  const values: (string | undefined)[] = [];
  let k = 0;
  for (;;) {
    const t = toks[k];
    if (t?.punct && t.text === '{') throw new Error(`${source}: line ${lineNo} ends with an instance weight {w}; genlab reads unweighted rows only.`);
    if (!t || t.punct) throw new Error(`${source}: line ${lineNo}: value ${values.length + 1} is empty; write '?' for a missing value.`);
    values.push(!t.quoted && t.text === '?' ? undefined : t.text);
    const sep = toks[k + 1];
    if (!sep) break;
    if (sep.punct && sep.text === ',') k += 2;
    else if (sep.punct && sep.text === '{') throw new Error(`${source}: line ${lineNo} ends with an instance weight {w}; genlab reads unweighted rows only.`);
    else throw new Error(`${source}: line ${lineNo}: values must be separated by commas (quote values that contain spaces), near '${sep.text}'.`);
  }
  if (values.length !== width) throw new Error(`${source}: line ${lineNo} has ${values.length} values, the header declares ${width} attributes.`);
  return values;
}

/** Reads Weka ARFF text (dense rows) into a TypedTable; throws naming the source and line. */
export function readArff(text: string, source = 'ARFF input'): TypedTable {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
  const attrs: Attribute[] = [];
  let relation = false;
  let dataAt = -1;
  for (let i = 0; i < lines.length && dataAt < 0; i++) {
    const toks = tokenize(lines[i], i + 1, source);
    if (toks.length === 0) continue;
    const key = toks[0].quoted ? '' : toks[0].text.toLowerCase();
    if (key === '@relation') relation = true;
    else if (key === '@attribute') {
      if (!relation) throw new Error(`${source}: line ${i + 1}: @attribute comes before @relation; an ARFF header starts with @relation NAME.`);
      const a = parseAttribute(toks, i + 1, source);
      const dup = attrs.find((b) => b.name === a.name);
      if (dup) throw new Error(`${source}: line ${i + 1}: attribute '${a.name}' is declared twice (first on line ${dup.line}).`);
      attrs.push(a);
    } else if (key === '@data') dataAt = i + 1;
    else throw new Error(`${source}: line ${i + 1}: expected @relation, @attribute or @data in the header, got '${toks[0].text}'.`);
  }
  if (!relation) throw new Error(`${source} is not an ARFF file: it has no @relation line.`);
  if (attrs.length === 0) throw new Error(`${source}: the header declares no @attribute.`);
  if (dataAt < 0) throw new Error(`${source}: the header is never followed by @data.`);
  const cells = attrs.map(() => [] as string[]);
  const lineOf: number[] = [];
  const MISSING = '?';
  for (let i = dataAt; i < lines.length; i++) {
    const toks = tokenize(lines[i], i + 1, source);
    if (toks.length === 0) continue;
    const row = parseRow(toks, i + 1, source, attrs.length);
    row.forEach((v, c) => {
      const a = attrs[c];
      // a quoted '?' is a value, not a missing cell: refuse it rather than merge the two
      if (v === MISSING) throw new Error(`${source}: line ${i + 1}, attribute '${a.name}' holds a quoted '?', which genlab cannot tell from a missing value.`);
      if (v !== undefined && a.type === 'nominal' && !a.values!.includes(v)) {
        throw new Error(`${source}: line ${i + 1}, attribute '${a.name}' holds ${JSON.stringify(v)}, which is not among its declared values {${a.values!.join(', ')}} (line ${a.line}).`);
      }
      cells[c].push(v ?? MISSING);
    });
    lineOf.push(i + 1);
  }
  if (lineOf.length === 0) throw new Error(`${source}: @data has no rows.`);
  const built = attrs.map((a, c) => {
    let decl: ColumnDecl;
    if (a.type === 'nominal') decl = { kind: 'categorical', categories: a.values };
    else if (a.type === 'string') decl = { kind: 'categorical' };
    else if (a.type === 'date') decl = { kind: 'datetime', format: a.format };
    else if (a.type === 'integer') decl = { kind: 'integer' };
    else {
      // numeric/real: integer when every value is an integer literal, so it is written back as one
      const allInt = cells[c].every((v) => v === MISSING || /^[+-]?\d+$/.test(v) && Number.isSafeInteger(Number(v)));
      decl = { kind: allInt ? 'integer' : 'continuous' };
    }
    return buildColumn({ name: a.name, cells: cells[c], lines: lineOf, source, missing: [MISSING] }, decl);
  });
  return { schema: { columns: built.map((b) => b.schema) }, rows: lineOf.length, columns: built.map((b) => b.values) };
}
