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

// A name before a form of address (王秀英奶奶, 张大爷, Mrs Wang) says who it is; the form of address alone does not.
const addressed = /[\u4e00-\u9fa5]{1,3}(奶奶|爷爷|大爷|大妈|大娘|阿姨|叔叔|婆婆|阿婆|老伯|先生|女士|老师|师傅)/g;
const englishAddressed = /\b(Mr|Mrs|Ms|Miss|Dr|Grandma|Grandpa|Granny)\.?\s+[A-Z][a-z]+/g;

/** The public summary of what someone wrote: without contact details, door numbers or the names given. */
export function sanitiseSummary(text: string, maxLength = 120, names: (string | null | undefined)[] = []): string {
  let out = text.replace(/\s+/g, ' ').trim();
  for (const name of names) if (name && name.trim().length >= 2) out = out.split(name.trim()).join('某');
  out = out.replace(addressed, (_m, title: string) => `某${title}`).replace(englishAddressed, (_m, title: string) => `${title} X`);
  for (const [re, replacement] of patterns) out = out.replace(re, replacement);
  out = out.replace(/(\*\*\*\s*){2,}/g, '*** ');
  return out.length > maxLength ? `${out.slice(0, maxLength - 1).trimEnd()}…` : out;
}
