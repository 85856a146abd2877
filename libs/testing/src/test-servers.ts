/** How global setup hands the run's servers to the test workers (they inherit the setup's environment). */
export const TEST_MONGODB_URI_VARIABLE = 'GONGZHI_TEST_MONGODB_URI';
export const TEST_NATS_URL_VARIABLE = 'GONGZHI_TEST_NATS_URL';

export interface TestServers {
  tempDir: string;
  stop(): Promise<void>;
}

declare global {
  // Set by global setup and read back by global teardown, which runs in the same process.
  var gongzhiTestServers: TestServers | undefined;
}
