import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { findRepoRoot, resolveChromium } from '@gongzhi/infra';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type ConsoleStack, startConsoleStack } from './console-stack';

/** Screenshots of the main pages, kept as the run's artefacts (git-ignored). */
const artefacts = path.join(findRepoRoot(__dirname), '.gongzhi', 'artifacts', 'console');

/**
 * The console in a real browser (Debian's Chromium driven by playwright-core) on the real stack: organization,
 * services, facilities and deliberation with their demo data behind two gateways, reached only through the console's
 * server.
 */
describe('the community console in a browser', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let communityId: string;
  /** 淞源社区's 共享花圃认领与养护, put to a residents' vote by its secretary before the tests. */
  let gardenMotionId: string;
  const contexts: BrowserContext[] = [];
  /** What the browser reported as errors, CSP violations included: the console should cause none. */
  const browserErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(artefacts, { recursive: true });
    const { binary } = resolveChromium();
    [stack, browser] = await Promise.all([
      startConsoleStack(),
      chromium.launch({ executablePath: binary, args: ['--disable-gpu', '--disable-dev-shm-usage'] }),
    ]);
    const community = await stack.organization.connection.collection('communities').findOne({ name: '淞源社区' });
    communityId = String(community!._id);
    // One lamp of 淞泽家园七区 out, reported by a resident through the gateway: the map should show it red.
    const lamp = await stack.gateways.post(
      'query LampByNumber($placeId: ID) { lamps(placeId: $placeId, first: 1) { edges { node { id } } } }',
      { placeId: communityId },
    );
    const lampId = lamp.body.data.lamps.edges[0].node.id;
    const reported = await stack.gateways.post(
      'mutation Report($input: ReportLampFaultInput!) { reportLampFault(input: $input) { __typename } }',
      { input: { lampId, serviceCode: 'LAMP_OUT', description: '路灯不亮，晚上小区门口很黑' } },
      await stack.gateways.asPerson('demo:resident', '罗淑芬'),
    );
    expect(reported.body.errors).toBeUndefined();

    // 罗淑芬 claims one of 七区's shared garden plots and applies for a permit in its lot, so the occupancy shows both.
    const resident = await stack.gateways.asPerson('demo:resident', '罗淑芬');
    const places = await stack.gateways.post(
      `query Places($placeId: ID) {
        gardenPlots(placeId: $placeId, first: 20) { edges { node { id name } } }
        parkingLots(placeId: $placeId, first: 20) { edges { node { id name } } }
      }`,
      { placeId: communityId },
    );
    const plotId = places.body.data.gardenPlots.edges.find(
      ({ node }: { node: { name: string } }) => node.name === '七区共享花圃 1号',
    ).node.id;
    const lotId = places.body.data.parkingLots.edges.find(
      ({ node }: { node: { name: string } }) => node.name === '淞泽家园七区 地面停车场',
    ).node.id;
    const claimed = await stack.gateways.post(
      'mutation Claim($input: ClaimGardenPlotInput!) { claimGardenPlot(input: $input) { __typename } }',
      {
        input: {
          plotId,
          covenant: {
            termEndsAt: new Date(Date.now() + 180 * 86_400_000).toISOString(),
            duties: ['不使用农药', '保持步道整洁'],
            careSchedule: { wateringEveryDays: 3, weedingEveryDays: 14 },
          },
        },
      },
      resident,
    );
    expect(claimed.body.errors).toBeUndefined();
    const applied = await stack.gateways.post(
      'mutation Apply($input: ApplyForParkingPermitInput!) { applyForParkingPermit(input: $input) { __typename } }',
      { input: { lotId, plate: '苏E·7S301' } },
      resident,
    );
    expect(applied.body.errors).toBeUndefined();

    // The secretary puts the community's shared-garden motion, in deliberation, to a vote of its adult residents.
    const secretary = await stack.gateways.asPerson('demo:community-secretary', '沈秀英');
    const motions = await stack.gateways.post(
      'query Garden($placeId: ID) { motions(placeId: $placeId, status: DELIBERATION, first: 50) { edges { node { id title } } } }',
      { placeId: communityId },
      secretary,
    );
    gardenMotionId = motions.body.data.motions.edges.find(
      ({ node }: { node: { title: string } }) => node.title === '共享花圃认领与养护',
    ).node.id;
    const opened = await stack.gateways.post(
      'mutation Open($input: OpenVotingInput!) { openVoting(input: $input) { __typename } }',
      {
        input: {
          motionId: gardenMotionId,
          method: 'SIMPLE_MAJORITY',
          endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        },
      },
      secretary,
    );
    expect(opened.body.errors).toBeUndefined();
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.stop();
  });

  async function signIn(subject: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(`${subject}: ${message.text()}`);
    });
    page.on('pageerror', (error) => browserErrors.push(`${subject}: ${error.message}`));
    await page.goto(stack.consoleUrl);
    await page.getByRole('heading', { name: '登录社区工作台' }).waitFor();
    await page.locator(`button[data-subject="${subject}"]`).click();
    await page.getByTestId('signed-in-as').waitFor();
    return page;
  }

  /**
   * Signs in a resident of a compound the demo users do not cover: the test grants them the role as the demo loader
   * grants 罗淑芬 hers (a role binding in organization), then the tab holds their token as after a sign-in.
   */
  async function signInResidentOf(compound: string, building?: string): Promise<{ page: Page; name: string }> {
    const db = stack.organization.connection;
    const place = await db.collection('compounds').findOne({ name: compound });
    const inBuilding = building
      ? { buildingId: (await db.collection('buildings').findOne({ compoundId: place!._id, name: building }))!._id }
      : {};
    // An adult of the place, and not 罗淑芬 (the demo's resident, signed in as herself elsewhere).
    const resident = await db.collection('residents').findOne({
      compoundId: place!._id,
      ...inBuilding,
      name: { $ne: '罗淑芬' },
      ageBand: { $in: ['AGE_18_TO_59', 'AGE_60_TO_79', 'AGE_80_PLUS'] },
    });
    const unit = await db
      .collection('org_units')
      .findOne({ territory: { $elemMatch: { kind: 'BUILDING', id: resident!.buildingId } } });
    const subject = `oidc|${compound}-${String(resident!._id)}`;
    const name = resident!.name as string;
    await db.collection('role_bindings').insertOne({
      subject,
      name,
      role: 'RESIDENT',
      orgUnitId: unit!._id,
      residentId: resident!._id,
      grantedAt: new Date(),
      grantedBy: 'console-e2e',
    });
    const token = (await stack.gateways.asPerson(subject, name)).authorization.replace(/^Bearer /, '');
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => browserErrors.push(`${subject}: ${error.message}`));
    await page.goto(stack.consoleUrl);
    await page.evaluate(
      (session) => sessionStorage.setItem('gongzhi.console.session', session),
      JSON.stringify({ token, user: { subject, name, role: 'RESIDENT', unit: unit!.name } }),
    );
    await page.reload();
    await page.getByTestId('signed-in-as').waitFor();
    return { page, name };
  }

  /** The value of each bar of the chart's first series, as the chart was given them. */
  async function chartBars(page: Page, testId: string): Promise<number[]> {
    const option = JSON.parse((await page.getByTestId(testId).getAttribute('data-option'))!) as {
      series: { data: ({ value: number } | number)[] }[];
    };
    return option.series[0].data.map((bar) => (typeof bar === 'number' ? bar : bar.value));
  }

  async function openMotion(page: Page, title: string) {
    await page.goto(`${stack.consoleUrl}/#/community/${communityId}/motions`);
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  }

  const buildingButton = (page: Page, compound: string, building: string) =>
    page
      .getByRole('list', { name: `${compound} 的楼栋` })
      .getByRole('button', { name: new RegExp(`^${building}( |$)`) });

  async function openBuilding(page: Page, compound: string, building: string) {
    await page.goto(`${stack.consoleUrl}/#/community/${communityId}`);
    await page.getByRole('heading', { name: '淞源社区', level: 1 }).waitFor();
    await buildingButton(page, compound, building).click();
    await page.getByTestId('residents').locator('table, [role=alert]').first().waitFor();
  }

  it('signs a community secretary in; the tree opens level by level, counts each tier and shows a unit in full', async () => {
    const page = await signIn('demo:community-secretary');
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('沈秀英 · 社区书记');

    const tree = page.getByRole('tree', { name: '五级组织架构' });
    await tree.getByRole('button', { name: '展开 斜塘街道大工委' }).click();
    await tree.getByRole('button', { name: '展开 淞泽邻里大党委' }).click();
    await tree.getByRole('button', { name: '淞源社区党委', exact: true }).click();
    const detail = page.locator('.unit-detail');
    await detail.getByRole('heading', { name: /淞源社区党委/ }).waitFor();
    await detail.getByRole('heading', { name: '各级下辖单位' }).waitFor();
    // A community committee (tier 3) counts the compound branches (tier 4) and building groups (tier 5) under it.
    expect(await detail.getByTestId('tier-count-3').count()).toBe(0);
    expect(Number(await detail.getByTestId('tier-count-4').textContent())).toBeGreaterThan(0);
    expect(Number(await detail.getByTestId('tier-count-5').textContent())).toBeGreaterThan(
      Number(await detail.getByTestId('tier-count-4').textContent()),
    );
    await detail.locator('canvas').first().waitFor();
    await detail.getByRole('heading', { name: /^网格（\d+）$/ }).waitFor();
    await detail.getByRole('heading', { name: /^共建单位（\d+）$/ }).waitFor();
    expect(await detail.getByRole('heading', { name: '成员' }).isVisible()).toBe(true);

    await page.getByLabel('搜索单位').fill('七区');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.locator('.search-results').getByRole('button', { name: '淞泽家园七区党支部' }).click();
    // The tree opens down to the unit found and selects it.
    await tree
      .locator('li[aria-selected="true"]')
      .getByRole('button', { name: '淞泽家园七区党支部', exact: true })
      .waitFor();
    await detail.getByRole('heading', { name: /淞泽家园七区党支部/ }).waitFor();
    await page.screenshot({ path: path.join(artefacts, 'tree.png'), fullPage: true });
  });

  it('shows the secretary the community page: compounds, every household of a building, lamps on the map, a room’s week', async () => {
    const page = await signIn('demo:community-secretary');
    await openBuilding(page, '淞泽家园七区', '3幢');
    const residents = page.getByTestId('residents');
    const names = await residents.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(names).toContain('罗淑芬');
    expect(names.length).toBeGreaterThan(2);
    // Masked as the API masks them for this role: a secretary sees 139****5678, never the whole number here.
    const phones = await residents.locator('tbody tr td:nth-child(5)').allTextContents();
    expect(phones.every((phone) => phone === '—' || /\*{4}/.test(phone))).toBe(true);

    const map = page.getByTestId('lamp-map');
    await map.waitFor();
    expect(await map.locator('[data-status]').count()).toBeGreaterThanOrEqual(8);
    // Two of 淞源社区's demo lamps are out: one reported before, and XT-SZ7-008, whose fault has gone through every
    // escalation step (社区呼叫 → 街道吹哨 → 部门报到).
    expect(await map.locator('[data-status="FAULTY"]').count()).toBe(2);
    expect(await map.locator('[data-status="FAULTY"] circle').first().getAttribute('fill')).toBe('#cf222e');
    expect(await map.getAttribute('aria-label')).toMatch(/2 盏故障/);

    const calendar = page.getByTestId('room-calendar');
    await calendar.waitFor();
    expect(await calendar.locator('td.slot-free').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artefacts, 'community.png'), fullPage: true });
  });

  it('shows the secretary the community’s care orders on a board by status, and its parking and garden plots', async () => {
    const page = await signIn('demo:community-secretary');
    await page.goto(`${stack.consoleUrl}/#/community/${communityId}`);
    const board = page.getByTestId('care-board');
    await board.waitFor();
    // A column per status, in the API's words turned Chinese; the demo's orders of 淞源社区 end in several of them.
    expect(await board.locator('section h3').allTextContents()).toEqual(
      ['待受理', '已受理', '已排期', '已完成', '已评价', '已拒单', '已取消'].map((label) =>
        expect.stringMatching(new RegExp(`^${label}（\\d+）$`)),
      ),
    );
    const cards = board.locator('.care-card');
    expect(await cards.count()).toBeGreaterThan(3);
    expect(await board.locator('section[data-status="RATED"] .care-card').count()).toBeGreaterThan(0);
    // Each card: the item, when, the provider, and the resident as the API gives them to a secretary (phone masked).
    const card = (await cards.first().locator('span').allTextContents()).join(' | ');
    expect(card).toMatch(/^(上门|希望|下单) \d+月\d+日 \d\d:\d\d \| 服务方：.+ \| 服务对象：\S+( \d{3}\*{4}\d{4})?$/);
    const recipients = await board.locator('.care-card span:last-child').allTextContents();
    expect(recipients.some((recipient) => /\d{3}\*{4}\d{4}$/.test(recipient))).toBe(true);
    expect(recipients.every((recipient) => !/\d{11}/.test(recipient))).toBe(true);

    // 七区's lot: nothing inside yet of its 11 spaces, 罗淑芬's permit waiting; the numbers as text beside the chart.
    const lot = page.getByTestId('parking-table').locator('tr[data-lot="淞泽家园七区 地面停车场"]');
    // The board, the lots and the plots load separately: wait for each before reading it.
    await lot.waitFor();
    expect(await lot.locator('th, td').allTextContents()).toEqual([
      '淞泽家园七区',
      '地面停车场',
      '0',
      '11',
      '0%',
      '0',
      '1',
      '0',
    ]);
    expect(await chartBars(page, 'parking-chart')).toEqual([0]);
    await page.getByTestId('parking-chart').locator('canvas').waitFor();
    // Her plot claimed, by her household as the plot's managers see it; the other two free.
    const plots = page.getByTestId('garden-plots');
    await plots.locator('tr[data-plot="七区共享花圃 1号"]').waitFor();
    expect(await plots.locator('caption').textContent()).toBe('淞泽家园七区 共享花圃：已认领 1 / 3 块');
    expect(await plots.locator('tr[data-plot="七区共享花圃 1号"] td').allTextContents()).toEqual([
      '9 m²',
      '已认领',
      expect.stringMatching(/^住户 3幢 \S+$/),
    ]);
    expect(await plots.locator('tr[data-status="AVAILABLE"]').count()).toBe(2);
    await page.screenshot({ path: path.join(artefacts, 'community-boards.png'), fullPage: true });

    // The API refuses a resident the community's orders: she sees those it gives her (her household's), and the
    // lot's counts its managers keep are not hers to read.
    const resident = await signIn('demo:resident');
    await resident.goto(`${stack.consoleUrl}/#/community/${communityId}`);
    await resident.getByRole('heading', { name: /^我能看到的助老助幼服务单（\d+）$/ }).waitFor();
    await resident.getByTestId('care-board').locator('.care-card').first().waitFor();
    await resident.getByTestId('parking-table').locator('tr[data-lot="淞泽家园七区 地面停车场"]').waitFor();
    expect(await resident.getByTestId('care-board').locator('.care-card').count()).toBeLessThan(await cards.count());
    expect(await resident.locator('#care-heading ~ [role=alert]').count()).toBe(0);
    expect(
      await resident
        .getByTestId('parking-table')
        .locator('tr[data-lot="淞泽家园七区 地面停车场"] td')
        .allTextContents(),
    ).toEqual(['淞泽家园七区', '0', '11', '0%', '无权查看', '无权查看', '无权查看']);
    expect(await resident.locator('#occupancy-heading ~ [role=alert]').count()).toBe(0);
  });

  it('lets a resident order a care item for herself: the order appears on the board, waiting to be taken', async () => {
    const page = await signIn('demo:resident');
    await page.goto(`${stack.consoleUrl}/#/community/${communityId}`);
    await page.getByRole('heading', { name: /^我能看到的助老助幼服务单（\d+）$/ }).waitFor();
    const placed = page.getByTestId('care-board').locator('section[data-status="PLACED"]');
    const waiting = async () => Number(/（(\d+)）/.exec((await placed.locator('h3').textContent())!)![1]);
    const before = await waiting();

    // The catalogue lists what is ordered one at a time, with who it is for: she is 18–59, so one for adults.
    const item = page.locator('#order-item option', { hasText: '18–59岁' }).first();
    await item.waitFor({ state: 'attached' });
    const itemName = (await item.textContent())!.split(' · ')[0];
    await page.getByLabel('服务项目').selectOption(await item.getAttribute('value'));
    // Whom she may order for: her household, as the API shows it to her.
    const herself = page.locator('#order-resident option', { hasText: /^罗淑芬（3幢 / });
    await herself.waitFor({ state: 'attached' });
    await page.locator('#order-resident').selectOption(await herself.getAttribute('value'));
    if (await page.locator('#order-provider').count()) await page.locator('#order-provider').selectOption({ index: 1 });
    await page.getByLabel('给服务方的留言').fill('下午在家，来前请先打电话');
    await page.getByRole('button', { name: '下单', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `已下单：${itemName}` })
      .waitFor();
    // On the board without reloading the page: one more waiting to be taken, hers.
    await placed.locator('h3', { hasText: `待受理（${before + 1}）` }).waitFor();
    const card = placed.locator('.care-card', { hasText: itemName }).first();
    expect(await card.locator('span').last().textContent()).toMatch(/^服务对象：罗淑芬/);

    // The community secretary may order on a resident's behalf, but not without the resident's consent covering it.
    const secretary = await signIn('demo:community-secretary');
    await secretary.goto(`${stack.consoleUrl}/#/community/${communityId}`);
    await secretary.getByTestId('care-board').waitFor();
    await secretary.getByLabel('查找居民').fill('罗淑芬');
    await secretary.getByRole('button', { name: '查找', exact: true }).click();
    const luo = secretary.locator('#order-resident option', { hasText: /^罗淑芬（3幢 / });
    await luo.waitFor({ state: 'attached' });
    await secretary.locator('#order-resident').selectOption(await luo.getAttribute('value'));
    const same = secretary.locator('#order-item option', { hasText: `${itemName} · ` });
    await secretary.getByLabel('服务项目').selectOption(await same.getAttribute('value'));
    if (await secretary.locator('#order-provider').count())
      await secretary.locator('#order-provider').selectOption({ index: 1 });
    await secretary.getByRole('button', { name: '下单', exact: true }).click();
    await secretary.getByRole('alert').filter({ hasText: '为他人点单需要居民本人签署的同意书涵盖这类服务' }).waitFor();
    await secretary.screenshot({ path: path.join(artefacts, 'care-order.png'), fullPage: true });
  });

  it('signs a resident in and shows her only her own household, never the others the secretary sees', async () => {
    const page = await signIn('demo:resident');
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('罗淑芬 · 居民');
    await openBuilding(page, '淞泽家园七区', '3幢');
    const residents = page.getByTestId('residents');
    expect(await residents.locator('.muted').first().textContent()).toBe('可见住户 1 户');
    const units = new Set(await residents.locator('tbody tr td:nth-child(1)').allTextContents());
    expect(units.size).toBe(1);
    expect(await residents.locator('tbody tr td:nth-child(2)').allTextContents()).toContain('罗淑芬');

    // Another building of the compound: no household of hers, so none at all.
    await buildingButton(page, '淞泽家园七区', '1幢').click();
    await page.getByText('可见住户 0 户').waitFor();
    await page.screenshot({ path: path.join(artefacts, 'community-resident.png'), fullPage: true });
  });

  it('lets a resident book a room: the calendar then shows the slot taken', async () => {
    const page = await signIn('demo:resident');
    await page.goto(`${stack.consoleUrl}/#/community/${communityId}`);
    const calendar = page.getByTestId('room-calendar');
    await calendar.waitFor();
    const taken = await calendar.locator('td.slot-taken').count();
    const slot = page.getByLabel('时段');
    await slot.locator('option').nth(1).waitFor({ state: 'attached' });
    await slot.selectOption({ index: 1 });
    await page.getByLabel('用途').fill('楼道微党课');
    await page.getByLabel('人数').fill('8');
    await page.getByRole('button', { name: '预约', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '预约成功' }).waitFor();
    await calendar.locator('td.slot-taken').nth(taken).waitFor();
    expect(await calendar.locator('td.slot-taken').count()).toBe(taken + 1);
    await page.screenshot({ path: path.join(artefacts, 'room-booked.png'), fullPage: true });
  });

  it('lets a resident report a lamp’s fault: the lamp then turns red on the map', async () => {
    const page = await signIn('demo:resident');
    await page.goto(`${stack.consoleUrl}/#/community/${communityId}`);
    const map = page.getByTestId('lamp-map');
    await map.waitFor();
    const faulty = await map.locator('[data-status="FAULTY"]').count();
    const lamp = (await map.locator('[data-status="WORKING"]').first().getAttribute('data-lamp'))!;
    const option = page.locator('#report-lamp option', { hasText: lamp });
    await page.getByLabel('路灯', { exact: true }).selectOption(await option.getAttribute('value'));
    await page.getByLabel('故障类型').selectOption('LAMP_FLICKERING');
    await page.getByLabel('情况说明').fill('晚上路灯一直闪，楼道口看不清');
    await page.getByRole('button', { name: '提交报修' }).click();
    await page.getByRole('status').filter({ hasText: '已报修' }).waitFor();
    await map.locator(`[data-lamp="${lamp}"][data-status="FAULTY"]`).waitFor();
    expect(await map.locator(`[data-lamp="${lamp}"] circle`).getAttribute('fill')).toBe('#cf222e');
    expect(await map.locator('[data-status="FAULTY"]').count()).toBe(faulty + 1);

    // The same fault of the same lamp again: the API's code, as a sentence.
    await page.getByLabel('路灯', { exact: true }).selectOption(await option.getAttribute('value'));
    await page.getByLabel('故障类型').selectOption('LAMP_FLICKERING');
    await page.getByLabel('情况说明').fill('还是在闪');
    await page.getByRole('button', { name: '提交报修' }).click();
    await page.getByRole('alert').filter({ hasText: '这盏路灯的这个故障已经有人报修，正在处理中' }).waitFor();
  });

  it('lets a resident cast a ballot: the running turnout on the chart goes up', async () => {
    const page = await signIn('demo:resident');
    await page.goto(`${stack.consoleUrl}/#/community/${communityId}/motions`);
    // Motions by stage: the garden motion now under 投票中.
    const voting = page.getByRole('region', { name: /^投票中（\d+）$/ });
    await voting.getByRole('link', { name: '共享花圃认领与养护' }).click();
    await page.getByRole('heading', { name: '共享花圃认领与养护', level: 1 }).waitFor();
    const running = page.getByTestId('running-count');
    await running.waitFor();
    const [before] = await chartBars(page, 'turnout-chart');
    expect(await running.textContent()).toMatch(/^已投 0 票 \/ 名册 \d+ 人/);

    await page.getByRole('radio', { name: '赞成' }).check();
    await page.getByRole('button', { name: '投票', exact: true }).click();
    await page.getByTestId('my-ballot').waitFor();
    expect(await running.textContent()).toMatch(/^已投 1 票 \/ 名册 \d+ 人/);
    const [after] = await chartBars(page, 'turnout-chart');
    expect(after).toBeGreaterThan(before);
    // No second ballot is offered.
    expect(await page.getByRole('button', { name: '投票', exact: true }).count()).toBe(0);
    await page.screenshot({ path: path.join(artefacts, 'vote-open.png'), fullPage: true });
  });

  it('lets a resident raise a motion and another co-sign it', async () => {
    const page = await signIn('demo:resident');
    await page.goto(`${stack.consoleUrl}/#/community/${communityId}/motions`);
    await page.getByLabel('范围').selectOption({ label: '淞泽家园七区 3幢' });
    await page.getByLabel('标题').fill('3幢楼道加装扶手');
    await page.getByLabel('内容').fill('楼道台阶陡，老人上下楼不方便，提议在3幢楼道加装扶手。');
    await page.getByLabel('事项类别').selectOption('ENVIRONMENT');
    await page.getByRole('button', { name: '发起' }).click();
    await page.getByRole('heading', { name: '3幢楼道加装扶手', level: 1 }).waitFor();
    expect(await page.getByTestId('motion-status').textContent()).toBe('征集联名');
    expect(await page.getByTestId('co-signing').textContent()).toMatch(/^联名 0\/\d+ 人$/);
    const motionUrl = page.url();
    // Whoever raised it does not co-sign it too: the API says so, the console in words.
    await page.getByRole('button', { name: '联名支持' }).click();
    await page.getByRole('alert').filter({ hasText: '议题的发起人不需要再联名' }).waitFor();

    // A neighbour of 七区 co-signs it.
    const neighbour = await signInResidentOf('淞泽家园七区', '3幢');
    await neighbour.page.goto(motionUrl);
    await neighbour.page.getByRole('button', { name: '联名支持' }).click();
    await neighbour.page
      .getByTestId('co-signing')
      .filter({ hasText: /^联名 1\/\d+ 人（含您）$/ })
      .waitFor();
  });

  it('shows the secretary a motion’s timeline and its vote, and a resident a notice with its objections', async () => {
    const page = await signIn('demo:community-secretary');
    await openMotion(page, '共享花圃认领与养护');
    const timeline = page.getByTestId('timeline').locator('li');
    expect(await timeline.count()).toBeGreaterThanOrEqual(3);
    expect(await timeline.first().textContent()).toContain('征集联名');
    expect(await timeline.nth(1).textContent()).toContain('协商议事');
    expect(await timeline.last().textContent()).toMatch(/投票中（开启投票） · 沈秀英/);
    await page.getByTestId('turnout-chart').locator('canvas').waitFor();
    await page.screenshot({ path: path.join(artefacts, 'motion.png'), fullPage: true });

    // A resident of 青山绿庭社区 sees its bridge: voted, noticed, an objection upheld, voted again, noticed again.
    const { page: street } = await signInResidentOf('青山绿庭花园');
    const qingshan = await stack.organization.connection.collection('communities').findOne({ name: '青山绿庭社区' });
    await street.goto(`${stack.consoleUrl}/#/community/${String(qingshan!._id)}/motions`);
    await street.getByRole('link', { name: '何山路西延跨线桥（高架）落地方案' }).click();
    const notice = street.getByTestId('notice');
    await notice.getByRole('heading', { name: '公示（第2次）' }).waitFor();
    // The objections to both notices: the first notice's upheld one sent the motion back to deliberation.
    const objections = await notice.locator('.objections li').allTextContents();
    expect(objections).toEqual([
      expect.stringMatching(/^异议成立 落地点离小区太近.*答复：与施工单位面对面议事：落地点往东移动一个路口。$/),
      expect.stringMatching(/^已答复，维持决定 高峰时段交通出行受影响.*答复：东移后不再经过小区出入口。$/),
    ]);
    expect(await street.getByTestId('thresholds').locator('tbody tr').count()).toBe(2);
    await street.screenshot({ path: path.join(artefacts, 'motion-notice.png'), fullPage: true });
  });

  it('shows a closed owners’ vote by area and by head against art. 278, and ranked-choice rounds', async () => {
    // The demo users who can see them: 陆敏, an owner of 麓谷小镇, and 郭敏, who lives in 九龙巷62号.
    const owner = { page: await signIn('demo:lugu-owner') };
    expect(await owner.page.getByTestId('signed-in-as').textContent()).toBe('陆敏 · 居民');
    const lugu = await stack.organization.connection.collection('communities').findOne({ name: '华盛社区' });
    await owner.page.goto(`${stack.consoleUrl}/#/community/${String(lugu!._id)}/motions`);
    await owner.page.getByRole('link', { name: '2024年小区提质改造项目：路灯更新、游乐场翻新' }).click();
    await owner.page.getByTestId('support-chart').locator('canvas').waitFor();
    expect(await owner.page.locator('[data-outcome]').getAttribute('data-outcome')).toBe('PASSED');
    const rows = owner.page.getByTestId('thresholds').locator('tbody th');
    expect(await rows.allTextContents()).toEqual([
      '参与表决的专有面积',
      '参与表决的业主人数',
      '同意的专有面积（占参与）',
      '同意的业主人数（占参与）',
    ]);
    const turnout = JSON.parse((await owner.page.getByTestId('turnout-chart').getAttribute('data-option'))!);
    expect(turnout.xAxis.data).toEqual(['按面积', '按人数']);
    expect(turnout.series[0].markLine.data[0].name).toBe('门槛 不少于 2/3');
    await owner.page.screenshot({ path: path.join(artefacts, 'vote-result.png'), fullPage: true });

    const neighbour = { page: await signIn('demo:jiulong-resident') };
    const jiulong = await stack.organization.connection.collection('communities').findOne({
      _id: (await stack.organization.connection.collection('compounds').findOne({ name: '九龙巷62号' }))!.communityId,
    });
    await neighbour.page.goto(`${stack.consoleUrl}/#/community/${String(jiulong!._id)}/motions`);
    await neighbour.page.getByRole('link', { name: '为小院取名' }).click();
    await neighbour.page.getByTestId('rounds-chart').locator('canvas').waitFor();
    expect(await neighbour.page.locator('.outcome').textContent()).toContain('当选：嘉定小院');
    expect(await neighbour.page.getByTestId('rounds').locator('tbody tr').count()).toBeGreaterThan(1);
    await neighbour.page.screenshot({ path: path.join(artefacts, 'vote-rounds.png'), fullPage: true });
  });

  it('returns to sign-in saying so when the gateway refuses the token mid-session, then back to the same page', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    // Not signIn(): the browser logs the refused request (HTTP 401) as a console error, which is the point here.
    page.on('pageerror', (error) => browserErrors.push(`refused token: ${error.message}`));
    await page.goto(`${stack.consoleUrl}/#/community/${communityId}`);
    const secretary = page.locator('button[data-subject="demo:community-secretary"]');
    await secretary.click();
    await page.getByRole('heading', { name: '淞源社区', level: 1 }).waitFor();
    // A tampered token (its signature forged), as one revoked or signed with a rotated key: the gateway answers 401.
    await page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('gongzhi.console.session')!) as { token: string };
      const [header, payload] = session.token.split('.');
      sessionStorage.setItem(
        'gongzhi.console.session',
        JSON.stringify({ ...session, token: `${header}.${payload}.forged` }),
      );
    });
    await page.reload();
    await page.getByRole('alert').filter({ hasText: '登录已失效，请重新登录' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('gongzhi.console.session'))).toBeNull();
    await secretary.click();
    await page.getByRole('heading', { name: '淞源社区', level: 1 }).waitFor();
    expect(page.url()).toBe(`${stack.consoleUrl}/#/community/${communityId}`);
  });

  it('caused no script error and no CSP violation in the browser', () => {
    expect(browserErrors).toEqual([]);
  });
});
