/**
 * Composes gateway/supergraph/supergraph.graphql from the subgraph SDL files listed in subgraphs.json.
 *   compose-supergraph           write the file (and print composition hints)
 *   compose-supergraph --check   exit 1 when composition fails or the committed file is stale (for CI)
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SUPERGRAPH_FILE, checkSupergraph } from './compose';

async function main(check: boolean): Promise<number> {
  const result = await checkSupergraph();
  if (result.status === 'failed') {
    console.error(result.message);
    return 1;
  }
  for (const hint of result.hints) console.warn(`hint: ${hint}`);
  const file = path.relative(process.cwd(), SUPERGRAPH_FILE);
  if (result.status === 'fresh') {
    console.log(`${file} is up to date`);
    return 0;
  }
  if (check) {
    console.error(result.message);
    return 1;
  }
  await writeFile(SUPERGRAPH_FILE, result.supergraphSdl);
  console.log(`wrote ${file}`);
  return 0;
}

main(process.argv.includes('--check')).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`compose-supergraph: ${(error as Error).message}`);
    process.exit(1);
  },
);
