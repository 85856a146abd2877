import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateCatalogue } from './error-catalogue';

/** `npm run errors`: checks the catalogue against the sources and writes docs/errors.md. */
const repoRoot = path.resolve(__dirname, '../../..');
const { markdown, problems } = generateCatalogue(repoRoot);
if (problems.length) {
  console.error(`errors: the catalogue does not match the sources:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
writeFileSync(path.join(repoRoot, 'docs/errors.md'), markdown);
console.log('errors: wrote docs/errors.md');
