// Runs @kitajs/ts-html-plugin's XSS scan. Exit 1 means unescaped content; exit 2 (warnings only,
// e.g. a `safe` attribute on literal text) is not a vulnerability and passes.
import { spawnSync } from 'node:child_process';
const r = spawnSync(process.execPath, ['node_modules/@kitajs/ts-html-plugin/dist/cli.js', '--simplified'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
const errors = ((r.stdout ?? '') + (r.stderr ?? '')).split('\n').filter((l) => / error /.test(l) && !/K604/.test(l));
if (r.status === 1 || errors.length) {
  console.error(errors.join('\n') || r.stdout);
  console.error('xss-scan: unescaped content found');
  process.exit(1);
}
console.log('xss-scan: no unescaped content');
