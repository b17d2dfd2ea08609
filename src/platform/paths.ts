import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder (where package.json, src/ and node_modules/ are), found from this module's
 * place: two folders up in the sources (run through tsx), one up from dist/ when the server runs
 * bundled (scripts/build.mjs), further from a bundle under node_modules/.cache (the bench). Files
 * read at run time (assets, the export worker's source) are found from here, not from the
 * running file, which is a different one in the bundle.
 */
export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && fs.existsSync(path.join(dir, 'src', 'cli.ts'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`project folder not found above ${from}`);
  }
}

/** A path inside the project's src/ folder. */
export const sourcePath = (...parts: string[]) => path.join(PROJECT_ROOT, 'src', ...parts);
