import { resetCommand } from './cli/reset-command';
import { drillCommand } from './drill/drill-command';
import { startCommand } from './cli/start-command';
import { tokenCommand } from './cli/token-command';
import { findRepoRoot } from './process/repo-root';

// node infra/dist/cli.js start [--cluster [--replicas services=3]]|reset|token <subject> [name]
async function main(command: string | undefined, args: string[]): Promise<number> {
  const repoRoot = findRepoRoot();
  switch (command) {
    case 'start':
      return startCommand(repoRoot, args);
    case 'drill':
      return drillCommand(repoRoot, args);
    case 'reset':
      return resetCommand(repoRoot);
    case 'token':
      return tokenCommand(repoRoot, args);
    default:
      console.error('usage: node infra/dist/cli.js start|reset|token <subject> [name]');
      return 2;
  }
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
