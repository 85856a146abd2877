import type { Actor } from '@gongzhi/contracts';
import { dataOf, type DeliberationUnderTest } from './deliberation.harness';

/**
 * Brings a motion to deliberation the way residents do: raised by one resident, co-signed by two more (the specs run
 * with MOTION_MIN_CO_SIGNERS=2), submitted, and — for a major matter — accepted by `reviewer`.
 */
export async function motionInDeliberation(
  deliberation: DeliberationUnderTest,
  input: Record<string, unknown>,
  { raiser, coSigners, reviewer }: { raiser: Actor; coSigners: Actor[]; reviewer?: Actor },
): Promise<string> {
  const { id } = dataOf(
    await deliberation.call(
      `mutation($input: RaiseMotionInput!) { raiseMotion(input: $input) { id } }`,
      { input },
      raiser,
    ),
  ).raiseMotion;
  for (const coSigner of coSigners)
    dataOf(await deliberation.call(`mutation($id: ID!) { coSignMotion(id: $id) { id } }`, { id }, coSigner));
  const { state } = dataOf(
    await deliberation.call(`mutation($id: ID!) { submitMotion(id: $id) { state } }`, { id }, raiser),
  ).submitMotion;
  if (state === 'PRE_REVIEW')
    dataOf(await deliberation.call(`mutation($id: ID!) { acceptMotion(id: $id) { id } }`, { id }, reviewer));
  return id;
}

/** An instant `seconds` from now, as GraphQL's DateTime. */
export const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
