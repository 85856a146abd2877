import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { findRepoRoot, resolveChromium } from '@gongzhi/infra';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type ConsoleStack, startConsoleStack } from './console-stack';

/** Screenshots of the main pages, kept as the run's artefacts (git-ignored). */
const artefacts = path.join(findRepoRoot(__dirname), '.gongzhi', 'artifacts', 'console');

/**
 * The console in a real browser (Debian's Chromium driven by playwright-core) on the real stack: organization and
 * facilities with their demo data behind two gateways, reached only through the console's server.
 */
describe('the community console in a browser', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let communityId: string;
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

  it('caused no script error and no CSP violation in the browser', () => {
    expect(browserErrors).toEqual([]);
  });
});
