// A public summary must not carry what identifies a person or a door: phone numbers, emails, ID numbers, flat numbers.
const patterns: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '***'],
  // Resident ID numbers (18 digits, last may be X) before phone numbers, which they contain.
  [/\b\d{17}[\dXx]\b/g, '***'],
  [/(\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}/g, '***'],
  [/\b\d{3,4}[-\s]\d{7,8}\b/g, '***'],
  // Flat and door numbers: 3单元301, 2栋1单元502室, 301室, 5号楼2门, Room 301, Flat 4B.
  [/\d+\s*(栋|幢|号楼|单元|门|楼|层|室|号)(\s*\d+\s*(栋|幢|号楼|单元|门|楼|层|室|号)?)*/g, '***'],
  [/\b(room|flat|apt\.?|apartment|unit)\s*#?\s*\w+/gi, '***'],
  [/\d{3,}/g, '***'],
];

export function sanitiseSummary(text: string, maxLength = 120): string {
  let out = text.replace(/\s+/g, ' ').trim();
  for (const [re, replacement] of patterns) out = out.replace(re, replacement);
  out = out.replace(/(\*\*\*\s*){2,}/g, '*** ');
  return out.length > maxLength ? `${out.slice(0, maxLength - 1).trimEnd()}…` : out;
}
