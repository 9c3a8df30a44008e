import { CsvSyntaxError, parseCsv, readCsvTable } from './csv';

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
      { line: 3, errors: ['expected 2 fields, found 1'] },
      { line: 4, errors: ['expected 2 fields, found 3'] },
    ]);
  });

  it('refuses a header that lacks, repeats or adds columns', () => {
    expect(() => readCsvTable('code\n1\n', columns)).toThrow('line 1: missing column(s) name; expected the header code,name');
    expect(() => readCsvTable('code,name,kind\n', columns)).toThrow('unknown column(s) kind');
    expect(() => readCsvTable('code,name,code\n', columns)).toThrow('repeated column(s) code');
    expect(() => readCsvTable('', columns)).toThrow('the file is empty');
  });
});
