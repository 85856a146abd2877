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
      `mutation($input: RaiseMotionInput!) { raiseMotion(input: $input) { motion { id } } }`,
      { input },
      raiser,
    ),
  ).raiseMotion.motion;
  const step = (name: string, by: Actor | undefined) =>
    deliberation.call(
      `mutation($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { motion { status } } }`,
      { input: { motionId: id } },
      by,
    );
  for (const coSigner of coSigners) dataOf(await step('coSignMotion', coSigner));
  const { status } = dataOf(await step('submitMotion', raiser)).submitMotion.motion;
  if (status === 'PRE_REVIEW') dataOf(await step('acceptMotion', reviewer));
  return id;
}

/** An instant `seconds` from now, as GraphQL's DateTime. */
export const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
