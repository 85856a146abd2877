import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ACCEPTED_CHANGES_FILE, breakingChanges } from './schema-changes';
import { RELEASED_FILE, SUPERGRAPH_FILE } from './supergraph-schema';

/**
 * `npm run schema:release`: the composed supergraph becomes the released one clients build against, and the accepted
 * breaking changes are cleared (they are part of the release now). Prints what the release breaks, for the changelog.
 */
async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '../../..');
  const breaking = await breakingChanges(repoRoot);
  for (const change of breaking) console.log(`breaking: ${change.path}: ${change.message}`);
  copyFileSync(path.join(repoRoot, SUPERGRAPH_FILE), path.join(repoRoot, RELEASED_FILE));
  writeFileSync(path.join(repoRoot, ACCEPTED_CHANGES_FILE), '[]\n');
  console.log(
    `schema:release: ${RELEASED_FILE} is now the composed supergraph (${breaking.length} breaking change(s) released)`,
  );
}

main().catch((error: unknown) => {
  console.error(`schema:release: ${(error as Error).message}`);
  process.exit(1);
});
