// Bundles the server (src/cli.ts and everything it imports from src/) into dist/cli.mjs with
// esbuild, packages left to node_modules: `npm start` runs the registry from that file with plain
// Node. Through tsx every module is compiled at start and kept with its source map: at 200k
// services the server held about 210 MB before its first export, against about 145 MB bundled.
// Tests and `npm run registry` still run the sources through tsx.
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'dist', 'cli.mjs');
const entry = process.argv[3] ? path.resolve(process.argv[3]) : path.join(root, 'src', 'cli.ts');

await build({
  entryPoints: [entry], outfile: out, bundle: true, platform: 'node', format: 'esm', target: 'node20',
  packages: 'external', jsx: 'automatic', jsxImportSource: '@kitajs/html', logLevel: 'warning',
  // packages are resolved from the project (dist/ and node_modules/.cache lie inside it)
  banner: { js: '// built by scripts/build.mjs from src/: do not edit' },
});
