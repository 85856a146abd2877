import { eventsCommand } from './cli/events-command';
import { resetCommand } from './cli/reset-command';
import { drillCommand } from './drill/drill-command';
import { startCommand } from './cli/start-command';
import { tokenCommand } from './cli/token-command';
import { findRepoRoot } from './process/repo-root';

// node infra/dist/cli.js start [--cluster [--replicas services=3]] [--with-prometheus]|reset|token <subject> [name]|drill|events dead-letters list|replay …
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
    case 'events':
      return eventsCommand(args);
    default:
      console.error('usage: node infra/dist/cli.js start|reset|token <subject> [name]|events dead-letters list|replay');
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
