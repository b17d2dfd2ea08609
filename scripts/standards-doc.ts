// Writes docs/standards.md from the mapping data in src/features/standards/ (`--check`: only compare).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { standardsDoc } from '../src/features/standards/standards.doc.ts';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'standards.md');
const text = standardsDoc();
if (process.argv.includes('--check')) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current !== text) {
    console.error('docs/standards.md is out of date: run `npx tsx scripts/standards-doc.ts`');
    process.exit(1);
  }
  console.error('docs/standards.md is up to date');
} else {
  fs.writeFileSync(file, text);
  console.error(`wrote ${path.relative(process.cwd(), file)}`);
}
