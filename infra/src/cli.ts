import { resetCommand } from './cli/reset-command';
import { startCommand } from './cli/start-command';
import { findRepoRoot } from './process/repo-root';

// node infra/dist/cli.js start|reset
async function main(command: string | undefined): Promise<number> {
  const repoRoot = findRepoRoot();
  switch (command) {
    case 'start':
      return startCommand(repoRoot);
    case 'reset':
      return resetCommand(repoRoot);
    default:
      console.error('usage: node infra/dist/cli.js start|reset');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
