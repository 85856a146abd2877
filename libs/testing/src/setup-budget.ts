// Loaded by jest after its globals exist (setupFilesAfterEnv in jest.config.js), in every test file.

/**
 * What a spec's setup and teardown (`beforeAll`, `afterAll`) may take unless it gives its own time: starting
 * subgraphs from their builds, loading demo data into the emulated MongoDB and booting gateways. With jest's second
 * worker booting another stack at the same moment on two cores, such setups have taken 35–60 s on a quiet machine and
 * more on a busy one, and jest's 60 s (`testTimeout`) failed a CI run on a setup, not on anything a case asserts. The
 * cases themselves keep `testTimeout`; `beforeEach`/`afterEach` too.
 */
export const SETUP_TIMEOUT_MS = 240_000;

const withSetupBudget =
  (hook: jest.Lifecycle): jest.Lifecycle =>
  (fn, timeout) =>
    hook(fn, timeout ?? SETUP_TIMEOUT_MS);

globalThis.beforeAll = withSetupBudget(globalThis.beforeAll);
globalThis.afterAll = withSetupBudget(globalThis.afterAll);
