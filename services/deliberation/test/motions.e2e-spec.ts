import { ANONYMOUS } from '@gongzhi/contracts';
import { answerOf, NO_SUCH_ID, notFound, partnerActor } from '@gongzhi/testing';
import { dataOf, type DeliberationUnderTest, errorCodes } from './deliberation.harness';
import { type announceTerritory, LAMPS, staff, startWithTerritory } from './territory.fixture';

type Territory = Awaited<ReturnType<typeof announceTerritory>>;

const MOTION = `id status title coSigning { count required byMe } nextSteps history { totalCount edges { node { status action note by { name } } } } reviews { decision reasons }`;
const RAISE = `mutation($input: RaiseMotionInput!) { raiseMotion(input: $input) { motion { ${MOTION} } } }`;
const STEP = (name: string) =>
  `mutation($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { motion { ${MOTION} } } }`;

/**
 * Motions from raising to deliberation in 淞源社区, with the territory coming from organization's events: co-signing,
 * the branch committee's pre-review, amendments and comments, every step evented, illegal steps refused with nothing
 * changed, and who may see and do what.
 */
describe('motions', () => {
  let world: Awaited<ReturnType<typeof startWithTerritory>>;
  let deliberation: DeliberationUnderTest;
  let t: Territory;
  const outboxTypes = async () =>
    (
      await deliberation.connection
        .collection('outbox')
        .find({}, { sort: { _id: 1 } })
        .toArray()
    ).map((r) => r.envelope.type);

  beforeAll(async () => {
    world = await startWithTerritory([
      { building: '七区3幢', room: '301室', floorArea: 89.5, residents: ['罗淑芬', '罗建国'] },
      { building: '七区3幢', room: '302室', floorArea: 92, residents: ['王桂兰'] },
      { building: '七区4幢', room: '101室', floorArea: 76, residents: ['李志强'] },
      { building: '八区1幢', room: '201室', floorArea: 81, residents: ['赵玉梅'] },
    ]);
    ({ deliberation, territory: t } = world);
  });
  afterAll(() => world?.stop());

  const compoundSecretary = () =>
    staff('demo:compound-secretary', 'COMPOUND_BRANCH_SECRETARY', { compoundIds: [t.id.七区] });
  const raise = (by: ReturnType<Territory['asResident']>, input: Record<string, unknown>) =>
    deliberation.call(
      RAISE,
      {
        input: {
          placeId: t.id.七区,
          title: '七区路灯更新',
          description: '3幢至4幢之间路灯底座锈蚀，晚上看不清路，提议整体更新。',
          matterKind: 'FACILITIES_LIGHTING',
          ...input,
        },
      },
      by,
    );

  it('goes from raising through co-signing and the pre-review to deliberation, each step evented', async () => {
    const luo = t.asResident('罗淑芬');
    const raised = dataOf(await raise(luo, { ownersMatter: 'USE_MAINTENANCE_FUND', lampIds: [...LAMPS.七区] }))
      .raiseMotion.motion;
    expect(raised).toMatchObject({
      status: 'RAISED',
      coSigning: { count: 0, required: 2, byMe: false },
      nextSteps: ['CO_SIGN', 'SUBMIT', 'AMEND', 'WITHDRAW'],
      history: {
        totalCount: 1,
        edges: [{ node: { status: 'RAISED', action: null, note: null, by: { name: '罗淑芬' } } }],
      },
    });

    expect(errorCodes(await deliberation.call(STEP('submitMotion'), { input: { motionId: raised.id } }, luo))).toEqual([
      'MOTION.CO_SIGNERS_MISSING',
    ]);
    expect(errorCodes(await deliberation.call(STEP('coSignMotion'), { input: { motionId: raised.id } }, luo))).toEqual([
      'MOTION.RAISER_CANNOT_CO_SIGN',
    ]);
    dataOf(await deliberation.call(STEP('coSignMotion'), { input: { motionId: raised.id } }, t.asResident('罗建国')));
    expect(
      errorCodes(
        await deliberation.call(STEP('coSignMotion'), { input: { motionId: raised.id } }, t.asResident('罗建国')),
      ),
    ).toEqual(['MOTION.ALREADY_CO_SIGNED']);
    const signed = dataOf(
      await deliberation.call(STEP('coSignMotion'), { input: { motionId: raised.id } }, t.asResident('李志强')),
    ).coSignMotion.motion;
    expect(signed.coSigning).toEqual({ count: 2, required: 2, byMe: true });

    // An owners' matter is major: to the branch committee first.
    expect(
      dataOf(await deliberation.call(STEP('submitMotion'), { input: { motionId: raised.id } }, luo)).submitMotion.motion
        .status,
    ).toBe('PRE_REVIEW');
    const RETURN = `mutation($input: ReturnMotionInput!) { returnMotion(input: $input) { motion { ${MOTION} } } }`;
    const returned = dataOf(
      await deliberation.call(
        RETURN,
        { input: { motionId: raised.id, reasons: '请写明维修资金的预算和灯杆壁厚要求' } },
        compoundSecretary(),
      ),
    ).returnMotion.motion;
    expect(returned).toMatchObject({
      status: 'RETURNED',
      reviews: [{ decision: 'RETURNED', reasons: '请写明维修资金的预算和灯杆壁厚要求' }],
    });

    const AMEND = `mutation($input: AmendMotionInput!) { amendMotion(input: $input) { amendment { number } motion { description amendments { totalCount edges { node { number summary previousDescription } } } } } }`;
    const amended = dataOf(
      await deliberation.call(
        AMEND,
        {
          input: {
            motionId: raised.id,
            description: '更新3幢至4幢之间12盏路灯，灯杆壁厚不小于3毫米，预算使用专项维修资金8万元。',
            summary: '写明预算和壁厚',
          },
        },
        luo,
      ),
    ).amendMotion;
    expect(amended.amendment).toEqual({ number: 1 });
    expect(amended.motion.amendments).toEqual({
      totalCount: 1,
      edges: [
        {
          node: {
            number: 1,
            summary: '写明预算和壁厚',
            previousDescription: '3幢至4幢之间路灯底座锈蚀，晚上看不清路，提议整体更新。',
          },
        },
      ],
    });

    dataOf(await deliberation.call(STEP('submitMotion'), { input: { motionId: raised.id } }, luo));
    const accepted = dataOf(
      await deliberation.call(STEP('acceptMotion'), { input: { motionId: raised.id } }, compoundSecretary()),
    ).acceptMotion.motion;
    expect(accepted.status).toBe('DELIBERATION');
    const history = accepted.history.edges.map(
      ({ node }: { node: { action: string | null; status: string } }) => `${node.action}→${node.status}`,
    );
    expect(history).toEqual([
      'null→RAISED',
      'SUBMIT→PRE_REVIEW',
      'RETURN→RETURNED',
      'SUBMIT→PRE_REVIEW',
      'ACCEPT→DELIBERATION',
    ]);
    expect(accepted.history.edges[2].node).toMatchObject({
      by: { name: 'demo:compound-secretary' },
      note: '请写明维修资金的预算和灯杆壁厚要求',
    });
    // The history pages like every connection: two at a time, from where the last page ended.
    const PAGE = `query($id: ID!, $after: String) { motion(id: $id) { history(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { status } } } } }`;
    const page1 = dataOf(await deliberation.call(PAGE, { id: raised.id }, luo)).motion.history;
    const page2 = dataOf(await deliberation.call(PAGE, { id: raised.id, after: page1.pageInfo.endCursor }, luo)).motion
      .history;
    expect([page1, page2].map((page) => page.edges.map((e: { node: { status: string } }) => e.node.status))).toEqual([
      ['RAISED', 'PRE_REVIEW'],
      ['RETURNED', 'PRE_REVIEW'],
    ]);
    expect(page2).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });

    const COMMENT = `mutation($input: CommentOnMotionInput!) { commentOnMotion(input: $input) { motionComment { body by { name } } motion { id } } }`;
    const commented = dataOf(
      await deliberation.call(
        COMMENT,
        { input: { motionId: raised.id, body: '建议选用太阳能路灯' } },
        t.asResident('王桂兰'),
      ),
    ).commentOnMotion;
    expect(commented).toEqual({
      motionComment: { body: '建议选用太阳能路灯', by: { name: '王桂兰' } },
      motion: { id: raised.id },
    });
    const comments = dataOf(
      await deliberation.call(
        `query($id: ID!) { motion(id: $id) { comments { totalCount edges { node { body by { name } } } } } }`,
        { id: raised.id },
        luo,
      ),
    );
    expect(comments.motion.comments).toEqual({
      totalCount: 1,
      edges: [{ node: { body: '建议选用太阳能路灯', by: { name: '王桂兰' } } }],
    });

    expect(await outboxTypes()).toEqual([
      'deliberation.motion.raised',
      'deliberation.motion.co-signed',
      'deliberation.motion.co-signed',
      'deliberation.motion.submitted',
      'deliberation.motion.reviewed',
      'deliberation.motion.amended',
      'deliberation.motion.submitted',
      'deliberation.motion.reviewed',
    ]);
  });

  it('refuses an illegal step with MOTION.ILLEGAL_STEP and changes nothing', async () => {
    const raised = dataOf(await raise(t.asResident('王桂兰'), { title: '楼道电表箱手绘美化' })).raiseMotion.motion;
    const before = await outboxTypes();
    const refused = await deliberation.call(
      STEP('acceptMotion'),
      { input: { motionId: raised.id } },
      compoundSecretary(),
    );
    expect(refused.errors?.[0]).toMatchObject({
      extensions: {
        code: 'MOTION.ILLEGAL_STEP',
        status: 'RAISED',
        action: 'ACCEPT',
        nextSteps: ['CO_SIGN', 'SUBMIT', 'AMEND', 'WITHDRAW'],
      },
    });
    const after = dataOf(
      await deliberation.call(`query($id: ID!) { motion(id: $id) { status history { totalCount } } }`, {
        id: raised.id,
      }),
    );
    expect(after.motion).toEqual({ status: 'RAISED', history: { totalCount: 1 } });
    expect(await outboxTypes()).toEqual(before);

    dataOf(await deliberation.call(STEP('withdrawMotion'), { input: { motionId: raised.id } }, t.asResident('王桂兰')));
    expect(
      errorCodes(
        await deliberation.call(STEP('coSignMotion'), { input: { motionId: raised.id } }, t.asResident('罗淑芬')),
      ),
    ).toEqual(['MOTION.ILLEGAL_STEP']);
  });

  it("keeps an owners' matter to one compound, and a motion to places organization announced", async () => {
    const community = await deliberation.call(RAISE, {
      input: {
        placeId: t.id.淞源社区,
        title: '筹集维修资金',
        description: '社区范围内统一筹集专项维修资金。',
        matterKind: 'OTHER',
        ownersMatter: 'RAISE_MAINTENANCE_FUND',
      },
    });
    expect(errorCodes(community)).toEqual(['MOTION.OWNERS_MATTER_NEEDS_COMPOUND']);
    const nowhere = await deliberation.call(RAISE, {
      input: {
        placeId: '650000000000000000000000',
        title: '无处',
        description: '一个不存在的地方的议题。',
        matterKind: 'OTHER',
      },
    });
    expect(errorCodes(nowhere)).toEqual(['PLACE.NOT_FOUND']);
    expect(
      errorCodes(
        await deliberation.call(RAISE, {
          input: { placeId: t.id.七区, title: 'x', description: '太短', matterKind: 'OTHER' },
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a lighting motion naming a lamp facilities never registered, or one of another community', async () => {
    const luo = t.asResident('罗淑芬');
    const motionsBefore = await deliberation.connection.collection('motions').countDocuments();
    const unknown = await raise(luo, { lampIds: [LAMPS.七区[0], 'lamp-7-999'] });
    expect(unknown.errors?.[0]).toMatchObject({
      extensions: { code: 'MOTION.UNKNOWN_LAMPS', lampIds: ['lamp-7-999'] },
      message: expect.stringContaining('lamp-7-999'),
    });
    const elsewhere = await raise(luo, { lampIds: [...LAMPS.七区, LAMPS.elsewhere] });
    expect(elsewhere.errors?.[0]).toMatchObject({
      extensions: { code: 'MOTION.LAMPS_ELSEWHERE', lampIds: [LAMPS.elsewhere] },
    });
    expect(await deliberation.connection.collection('motions').countDocuments()).toBe(motionsBefore);
    // The lamps of the motion's own community, as facilities announced them, are taken (the first spec above).
  });

  describe('opinions collected from residents (社情民意)', () => {
    const RECORD = `mutation($input: RecordOpinionInput!) { recordOpinion(input: $input) { opinion { id tags status recordedBy { name } } } }`;
    const LIST = `query($tag: String) { opinions(tag: $tag) { edges { node { id text tags status } } } }`;
    const gridWorker = () => staff('demo:grid-worker', 'GRID_WORKER', { communityIds: [t.id.淞源社区] });

    it('are recorded with tags, read by the staff covering the place and by their author only', async () => {
      const mine = dataOf(
        await deliberation.call(
          RECORD,
          { input: { placeId: t.id.七区3幢, text: '3幢楼前路灯坏了两盏，晚上很黑', tags: [' 路灯 ', '安全', '路灯'] } },
          t.asResident('王桂兰'),
        ),
      ).recordOpinion.opinion;
      expect(mine).toMatchObject({ tags: ['路灯', '安全'], status: 'OPEN', recordedBy: { name: '王桂兰' } });
      const visit = dataOf(
        await deliberation.call(
          RECORD,
          {
            input: {
              placeId: t.id.八区1幢,
              text: '外来车辆占用消防通道',
              tags: ['停车'],
              channel: 'HOME_VISIT',
              residentId: t.residents['赵玉梅'].residentId,
            },
          },
          gridWorker(),
        ),
      ).recordOpinion.opinion;
      expect(visit.recordedBy).toEqual({ name: 'demo:grid-worker' });

      const byTag = dataOf(await deliberation.call(LIST, { tag: '路灯' }, gridWorker())).opinions.edges.map(
        (e: { node: { id: string } }) => e.node.id,
      );
      expect(byTag).toEqual([mine.id]);
      expect(
        dataOf(await deliberation.call(LIST, {}, t.asResident('赵玉梅'))).opinions.edges.map(
          (e: { node: { id: string } }) => e.node.id,
        ),
      ).toEqual([visit.id]);
      expect(
        errorCodes(
          await deliberation.call(
            RECORD,
            { input: { placeId: t.id.七区3幢, text: '八区的人替七区提意见', tags: [] } },
            t.asResident('赵玉梅'),
          ),
        ),
      ).toEqual(['FORBIDDEN']);
      expect(
        errorCodes(
          await deliberation.call(
            LIST,
            {},
            partnerActor('partner-物业', ['deliberation:motions:read'], [t.id.淞源社区]),
          ),
        ),
      ).toEqual(['FORBIDDEN']);
    });

    it('are taken up as motions by a steward, once', async () => {
      const opinion = dataOf(
        await deliberation.call(
          RECORD,
          { input: { placeId: t.id.七区, text: '小区游乐场设施老旧，孩子没地方玩', tags: ['游乐场'] } },
          t.asResident('李志强'),
        ),
      ).recordOpinion.opinion;
      const PROMOTE = `mutation($input: PromoteOpinionInput!) { promoteOpinion(input: $input) { motion { id status title } opinion { id status } } }`;
      const input = {
        opinionId: opinion.id,
        placeId: t.id.七区,
        title: '游乐场翻新',
        description: '翻新七区游乐场，新增滑滑梯、单杠、双杠，修复秋千和摇摇马。',
        matterKind: 'FACILITIES_PLAYGROUND',
      };
      expect(errorCodes(await deliberation.call(PROMOTE, { input }, t.asResident('李志强')))).toEqual(['FORBIDDEN']);
      const { motion, opinion: promotedOpinion } = dataOf(
        await deliberation.call(PROMOTE, { input }, compoundSecretary()),
      ).promoteOpinion;
      expect(motion).toMatchObject({ status: 'RAISED', title: '游乐场翻新' });
      expect(promotedOpinion).toEqual({ id: opinion.id, status: 'PROMOTED' });
      const promoted = dataOf(
        await deliberation.call(
          `{ opinions(tag: "游乐场") { edges { node { status motion { id } } } } }`,
          {},
          t.asResident('李志强'),
        ),
      );
      expect(promoted.opinions.edges[0].node).toEqual({ status: 'PROMOTED', motion: { id: motion.id } });
      expect(errorCodes(await deliberation.call(PROMOTE, { input }, compoundSecretary()))).toEqual([
        'OPINION.NOT_OPEN',
      ]);
    });
  });

  describe('who sees and does what', () => {
    let qiquMotion: string;
    let communityMotion: string;
    const LIST = `{ motions(first: 50) { edges { node { id } } } }`;
    const ids = (result: { data?: any }) =>
      result.data.motions.edges.map((edge: { node: { id: string } }) => edge.node.id);

    beforeAll(async () => {
      qiquMotion = dataOf(
        await raise(t.asResident('李志强'), { title: '七区停车位划线', matterKind: 'FACILITIES_PARKING' }),
      ).raiseMotion.motion.id;
      communityMotion = dataOf(
        await deliberation.call(
          RAISE,
          {
            input: {
              placeId: t.id.淞源社区,
              title: '共享花圃认领',
              description: '在社区空地开辟共享花圃，居民认领养护。',
              matterKind: 'FACILITIES_GARDEN',
            },
          },
          staff('demo:community-secretary', 'COMMUNITY_SECRETARY', { communityIds: [t.id.淞源社区] }),
        ),
      ).raiseMotion.motion.id;
    });

    it("a resident of 八区 sees the community's motions but not 七区's, and cannot co-sign there", async () => {
      const zhao = t.asResident('赵玉梅');
      const listed = ids(await deliberation.call(LIST, {}, zhao));
      expect(listed).toContain(communityMotion);
      expect(listed).not.toContain(qiquMotion);
      // Whether 七区 deliberates something is 七区's business: "not yours" answers as "not found" does.
      const MOTION = `query($id: ID!) { motion(id: $id) { title } }`;
      expect(answerOf(await deliberation.call(MOTION, { id: qiquMotion }, zhao))).toEqual(notFound('motion'));
      expect(answerOf(await deliberation.call(MOTION, { id: NO_SUCH_ID }, zhao))).toEqual(notFound('motion'));
      expect(
        errorCodes(await deliberation.call(STEP('coSignMotion'), { input: { motionId: qiquMotion } }, zhao)),
      ).toEqual(['FORBIDDEN']);
      expect(
        errorCodes(
          await deliberation.call(`query($p: ID!) { motions(placeId: $p) { totalCount } }`, { p: t.id.七区 }, zhao),
        ),
      ).toEqual(['FORBIDDEN']);
    });

    it('the branch secretary of 七区 lists its motions, and may not pre-review a community-wide one', async () => {
      const listed = ids(await deliberation.call(LIST, {}, compoundSecretary()));
      expect(listed).toContain(qiquMotion);
      expect(listed).not.toContain(communityMotion);
      expect(
        errorCodes(
          await deliberation.call(STEP('acceptMotion'), { input: { motionId: communityMotion } }, compoundSecretary()),
        ),
      ).toEqual(['FORBIDDEN']);
    });

    it('a partner reads motions of its co-building communities only with deliberation:motions:read; anonymous callers nothing', async () => {
      const withScope = partnerActor('partner-物业', ['deliberation:motions:read'], [t.id.淞源社区]);
      expect(ids(await deliberation.call(LIST, {}, withScope))).toEqual(
        expect.arrayContaining([qiquMotion, communityMotion]),
      );
      expect(
        errorCodes(await deliberation.call(STEP('coSignMotion'), { input: { motionId: qiquMotion } }, withScope)),
      ).toEqual(['FORBIDDEN']);
      expect(
        errorCodes(
          await deliberation.call(LIST, {}, partnerActor('partner-物业', ['facilities:lamps:read'], [t.id.淞源社区])),
        ),
      ).toEqual(['FORBIDDEN']);
      expect(errorCodes(await deliberation.call(LIST, {}, ANONYMOUS))).toEqual(['UNAUTHENTICATED']);
    });

    it("holds through the community's motions reached by entity reference", async () => {
      const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Community { motions { edges { node { id } } } } } }`;
      const seen = await deliberation.call(
        ENTITIES,
        { reps: [{ __typename: 'Community', id: t.id.淞源社区 }] },
        t.asResident('赵玉梅'),
      );
      const listed = seen.data!._entities[0].motions.edges.map((edge: { node: { id: string } }) => edge.node.id);
      expect(listed).toContain(communityMotion);
      expect(listed).not.toContain(qiquMotion);
      const reference = await deliberation.call(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Motion { title } } }`,
        { reps: [{ __typename: 'Motion', id: qiquMotion }] },
        t.asResident('赵玉梅'),
      );
      expect(errorCodes(reference)).toEqual(['FORBIDDEN']);
    });
  });
});
