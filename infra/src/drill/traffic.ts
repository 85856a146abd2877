import { setTimeout as sleep } from 'node:timers/promises';

export interface TrafficOptions {
  /** The load balancer's GraphQL endpoint. */
  url: string;
  token: string;
  /** The compound new buildings are registered in (a write with an event every other service consumes). */
  compoundId: string;
  writers?: number;
  readers?: number;
  /** Pause between two requests of one client. */
  intervalMs?: number;
}

export interface TrafficFigures {
  sent: number;
  failed: number;
  writesAcknowledged: number;
  reads: number;
  /** The first few failures, for the report. */
  failures: string[];
}

/**
 * Steady, bounded traffic through the load balancer: `writers` clients registering buildings (createBuilding, whose
 * org.building.registered event deliberation and facilities consume) and `readers` reading the org tree, each one
 * request at a time. Every acknowledged write's id is kept, to be looked for afterwards.
 */
export class Traffic {
  readonly acknowledged: string[] = [];
  private sent = 0;
  private failed = 0;
  private reads = 0;
  private readonly failures: string[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private serial = 0;

  constructor(private readonly options: TrafficOptions) {}

  start(): void {
    this.running = true;
    const { writers = 2, readers = 2 } = this.options;
    for (let i = 0; i < writers; i++) this.loops.push(this.loop(() => this.write()));
    for (let i = 0; i < readers; i++) this.loops.push(this.loop(() => this.read()));
  }

  async stop(): Promise<TrafficFigures> {
    this.running = false;
    await Promise.all(this.loops);
    this.loops = [];
    return this.figures();
  }

  figures(): TrafficFigures {
    return {
      sent: this.sent,
      failed: this.failed,
      writesAcknowledged: this.acknowledged.length,
      reads: this.reads,
      failures: this.failures.slice(0, 5),
    };
  }

  private async loop(request: () => Promise<void>): Promise<void> {
    while (this.running) {
      await request();
      await sleep(this.options.intervalMs ?? 200);
    }
  }

  private async write(): Promise<void> {
    // Building names are at most 30 characters: short, and unique across drills and runs.
    const name = `演练${++this.serial}幢-${Date.now().toString(36)}`;
    const body = await this.call(
      'mutation Register($input: CreateBuildingInput!) { createBuilding(input: $input) { building { id } } }',
      { input: { compoundId: this.options.compoundId, name, floors: 6 } },
    );
    const id = (body as { data?: { createBuilding?: { building?: { id?: string } } } } | undefined)?.data
      ?.createBuilding?.building?.id;
    if (id) this.acknowledged.push(id);
  }

  private async read(): Promise<void> {
    if (await this.call('{ orgUnits(first: 5) { totalCount } }', {})) this.reads++;
  }

  /** One request; counts it, and counts it failed unless it answered 200 with data and no error. */
  private async call(query: string, variables: object): Promise<unknown> {
    this.sent++;
    try {
      const res = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(20_000),
      });
      const body = (await res.json().catch(() => undefined)) as
        { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } | undefined;
      if (res.status === 200 && body?.data && !body.errors?.length) return body;
      this.fail(
        `HTTP ${res.status} ${body?.errors?.map((error) => error.extensions?.code ?? error.message).join(', ') ?? ''}`.trim(),
      );
    } catch (error) {
      this.fail(
        error instanceof Error
          ? `${error.name}: ${(error as { cause?: { code?: string } }).cause?.code ?? error.message}`
          : String(error),
      );
    }
    return undefined;
  }

  private fail(reason: string): void {
    this.failed++;
    this.failures.push(reason);
  }
}
