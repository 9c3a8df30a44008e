// Pure: an amount in Vietnamese words, as a decision writes its total beside the figures
// ("Bằng chữ: một trăm hai mươi triệu đồng"). Northern usage: "linh" before a units digit after
// a zero tens, "mốt" for 1 after tens of 20 and more, "lăm" for 5 after any tens, "tư" not used.
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const GROUPS = ['', 'nghìn', 'triệu', 'tỷ'];

/** Three digits in words; `full` says the group follows a higher one, so its zero hundreds are read. */
function triple(n: number, full: boolean): string[] {
  const [h, t, u] = [Math.floor(n / 100), Math.floor(n / 10) % 10, n % 10];
  const words: string[] = [];
  if (h > 0 || full) words.push(DIGITS[h], 'trăm');
  if (t === 0 && u > 0 && words.length) words.push('linh');
  if (t === 1) words.push('mười');
  if (t > 1) words.push(DIGITS[t], 'mươi');
  if (u === 1 && t > 1) words.push('mốt');
  else if (u === 5 && t > 0) words.push('lăm');
  else if (u > 0) words.push(DIGITS[u]);
  return words;
}

/** A non-negative safe integer in words: 120000000 → "một trăm hai mươi triệu". */
export function numberInWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a non-negative safe integer: ${n}`);
  if (n === 0) return DIGITS[0];
  // Groups of three digits, lowest first; past "tỷ" the groups repeat under it (nghìn tỷ, triệu tỷ).
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    if (groups[i] === 0) continue;
    words.push(...triple(groups[i], i < groups.length - 1));
    const scale = [GROUPS[i % 3], ...Array(Math.floor(i / 3)).fill('tỷ')].filter(Boolean);
    words.push(...scale);
  }
  return words.join(' ');
}

/** "Một trăm hai mươi triệu đồng": the total of a decision, capitalised as a sentence. */
export function vndInWords(amount: number): string {
  const words = `${numberInWords(amount)} đồng`;
  return words.charAt(0).toLocaleUpperCase('vi') + words.slice(1);
}
