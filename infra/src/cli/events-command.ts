import { DEFAULT_EVENTS_NAMESPACE } from '@gongzhi/contracts';
import { connect } from '@nats-io/transport-node';
import { parseArgs } from 'node:util';
import {
  type DeadLetterFilter,
  listDeadLetters,
  replayDeadLetters,
  type StoredDeadLetter,
} from '../events/dead-letters';
import { portFromEnv } from './components';

const USAGE = `usage: npm run events -- dead-letters list [--consumer <name>] [--json]
       npm run events -- dead-letters replay (--seq <n>[,<n>…] | --consumer <name> | --all) [--json]

NATS_URL (default nats://127.0.0.1:GONGZHI_NATS_PORT, i.e. npm start's) and EVENTS_NAMESPACE (default gongzhi) say
where the events are. A replayed event goes back to the consumer that dead-lettered it, which handles it at most
once; its dead letter is then removed. See docs/operations.md.`;

/** `events dead-letters list|replay …`: what consumers gave up on, and sending it back to them. */
export async function eventsCommand(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        consumer: { type: 'string' },
        seq: { type: 'string' },
        all: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [topic, action] = positionals;
  if (values.help || topic !== 'dead-letters' || (action !== 'list' && action !== 'replay')) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  let seqs: number[] | undefined;
  if (values.seq !== undefined) {
    seqs = values.seq.split(',').map((part) => Number(part.trim()));
    if (seqs.some((seq) => !Number.isInteger(seq) || seq <= 0)) {
      console.error(
        `--seq takes dead-letter sequence numbers as \`list\` shows them (e.g. --seq 3,7), not "${values.seq}"`,
      );
      return 2;
    }
  }
  if (action === 'replay' && !seqs && !values.consumer && !values.all) {
    console.error('replay needs --seq, --consumer or --all: say which dead letters to send back\n\n' + USAGE);
    return 2;
  }

  const namespace = env.EVENTS_NAMESPACE || DEFAULT_EVENTS_NAMESPACE;
  const servers = env.NATS_URL || `nats://127.0.0.1:${portFromEnv('GONGZHI_NATS_PORT', 4222, env)}`;
  let nc;
  try {
    nc = await connect({ servers, name: 'gongzhi events command', timeout: 5_000 });
  } catch (error) {
    console.error(`cannot reach NATS at ${servers} (${(error as Error).message}); set NATS_URL`);
    return 1;
  }
  try {
    const filter: DeadLetterFilter = { consumer: values.consumer, seqs };
    const letters = await listDeadLetters(nc, namespace, filter);
    if (action === 'list') {
      if (values.json) console.log(JSON.stringify(letters, null, 2));
      else printTable(letters, namespace);
      return 0;
    }
    const missing = (seqs ?? []).filter((seq) => !letters.some((letter) => letter.seq === seq));
    const replayed = await replayDeadLetters(nc, namespace, letters);
    if (values.json) console.log(JSON.stringify({ replayed, notFound: missing }, null, 2));
    else {
      for (const { seq, consumer, eventId } of replayed)
        console.log(`replayed #${seq} to ${consumer}${eventId ? ` (event ${eventId})` : ''}`);
      if (replayed.length === 0) console.log('nothing to replay');
      // Not an error: a second run of the same replay finds them gone, which is what idempotent means here.
      for (const seq of missing) console.log(`#${seq}: no such dead letter (already replayed?)`);
    }
    return 0;
  } finally {
    await nc.close();
  }
}

function printTable(letters: StoredDeadLetter[], namespace: string): void {
  if (letters.length === 0) {
    console.log(`no dead letters in namespace ${namespace}`);
    return;
  }
  for (const letter of letters) {
    console.log(
      [
        `#${letter.seq}`,
        letter.failedAt,
        letter.consumer,
        letter.type ?? '(unparsable)',
        letter.eventId ?? '-',
        `${letter.deliveryCount} deliveries`,
        `${letter.error.name}: ${letter.error.message}`,
      ].join('  '),
    );
  }
}
