import { CsvEncodingError, CsvSyntaxError, decodeCsv, detectDelimiter, parseCsv, readCsvTable } from './csv-import';

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks', () => {
    const text = 'a,b,c\n"Bảo hiểm xã hội, TP Quảng Ngãi","say ""hi""","two\nlines"\nx,y,z\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['Bảo hiểm xã hội, TP Quảng Ngãi', 'say "hi"', 'two\nlines'] },
      { line: 4, fields: ['x', 'y', 'z'] },
    ]);
  });

  it('drops a UTF-8 BOM, accepts CRLF, trims unquoted fields and skips blank lines', () => {
    const text = '\uFEFFcode,name\r\n BHXH-51-522 , Bảo hiểm xã hội \r\n\r\n" kept ",\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['code', 'name'] },
      { line: 2, fields: ['BHXH-51-522', 'Bảo hiểm xã hội'] },
      { line: 4, fields: [' kept ', ''] },
    ]);
  });

  it('keeps empty fields, including a last empty one', () => {
    expect(parseCsv('a,,c,\n')).toEqual([{ line: 1, fields: ['a', '', 'c', ''] }]);
  });

  it('refuses an unclosed quote and stray quotes, naming the line', () => {
    expect(() => parseCsv('a\n"open\n')).toThrow(new CsvSyntaxError(2, 'a quoted field is never closed'));
    expect(() => parseCsv('a\nb"c\n')).toThrow('line 2: a quote inside an unquoted field');
    expect(() => parseCsv('a\n"b"c\n')).toThrow('line 2: text after a closing quote');
  });
});

describe('readCsvTable', () => {
  const columns = ['code', 'name'];

  it('keys records by header names in any order and reports rows with the wrong field count', () => {
    const { rows, malformed } = readCsvTable('name,code\nA,1\nB\nC,3,extra\n', columns);
    expect(rows).toEqual([{ line: 2, values: { name: 'A', code: '1' } }]);
    expect(malformed).toEqual([
      { line: 3, errors: ['expected 2 fields separated by ",", found 1'] },
      { line: 4, errors: ['expected 2 fields separated by ",", found 3'] },
    ]);
  });

  it('refuses a header that lacks, repeats or adds columns', () => {
    expect(() => readCsvTable('code\n1\n', columns)).toThrow('line 1: missing column(s) name; expected the header code,name');
    expect(() => readCsvTable('code,name,kind\n', columns)).toThrow('unknown column(s) kind');
    expect(() => readCsvTable('code,name,code\n', columns)).toThrow('repeated column(s) code');
    expect(() => readCsvTable('', columns)).toThrow('the file is empty');
  });
});

describe('what spreadsheets save', () => {
  it('takes the delimiter from the header line: semicolons where Excel uses them, commas otherwise', () => {
    expect(detectDelimiter('code;name;kind\r\na,b;c')).toBe(';');
    expect(detectDelimiter('code,name\nx;y;z;w\n')).toBe(',');
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
    expect(readCsvTable('name;code\r\n"Sở Lao động; Thương binh";1\r\n', ['code', 'name']).rows).toEqual([
      { line: 2, values: { name: 'Sở Lao động; Thương binh', code: '1' } },
    ]);
  });

  it('decodes UTF-8 with or without BOM and refuses anything else whole, naming the line', () => {
    expect(decodeCsv(Buffer.from('\uFEFFcode\r\nSơn Tịnh\r\n'))).toBe('code\r\nSơn Tịnh\r\n');
    expect(parseCsv(decodeCsv(Buffer.from('\uFEFFcode\r\nSơn Tịnh\r\n')))).toEqual([
      { line: 1, fields: ['code'] },
      { line: 2, fields: ['Sơn Tịnh'] },
    ]);
    // "Sõn" in Windows-1258: o + the combining tilde 0xDE.
    const cp1258 = Buffer.from([0x63, 0x6f, 0x64, 0x65, 0x0d, 0x0a, 0x53, 0x6f, 0xde, 0x6e, 0x0d, 0x0a]);
    expect(() => decodeCsv(cp1258)).toThrow(CsvEncodingError);
    expect(() => decodeCsv(cp1258)).toThrow(/first invalid byte on line 2.*CSV UTF-8 \(Comma delimited\).*Tệp không ở bảng mã UTF-8/);
  });

  it('stores Vietnamese text composed (NFC), however the editor saved it', () => {
    const [row] = readCsvTable('code,name\n1,Sơn Tịnh\n'.normalize('NFD'), ['code', 'name']).rows;
    expect(row.values.name).toBe('Sơn Tịnh'.normalize('NFC'));
    expect(row.values.name).not.toBe('Sơn Tịnh'.normalize('NFD'));
  });

  it('reads optional columns when the header names them', () => {
    expect(readCsvTable('code,name,extra\n1,a,x\n', ['code', 'name'], ['extra', 'other'])).toEqual({
      rows: [{ line: 2, values: { code: '1', name: 'a', extra: 'x' } }],
      malformed: [],
      present: ['extra'],
    });
  });
});
