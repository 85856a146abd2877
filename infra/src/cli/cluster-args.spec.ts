import { parseClusterArgs } from './cluster-command';

describe('npm start arguments', () => {
  it('runs the single-process stack without arguments', () => {
    expect(parseClusterArgs([])).toEqual({ cluster: false });
  });

  it('runs two replicas of everything with --cluster, and takes overrides per component', () => {
    expect(parseClusterArgs(['--cluster'])).toEqual({
      cluster: true,
      options: { replicas: { organization: 2, services: 2, facilities: 2, deliberation: 2, gateway: 2 } },
    });
    expect(parseClusterArgs(['--cluster', '--replicas', 'services=3,gateway=3'])).toMatchObject({
      options: { replicas: { services: 3, gateway: 3, organization: 2 } },
    });
    expect(parseClusterArgs(['--replicas=facilities=1', '--cluster'])).toMatchObject({
      options: { replicas: { facilities: 1 } },
    });
  });

  it('names what is wrong', () => {
    expect(parseClusterArgs(['--cluster', '--replicas', 'parking=3'])).toEqual({
      error:
        '--replicas: unknown component "parking" (one of organization, services, facilities, deliberation, gateway)',
    });
    expect(parseClusterArgs(['--cluster', '--replicas', 'services=0'])).toEqual({
      error: '--replicas: services=0 must be a whole number from 1 to 9',
    });
    expect(parseClusterArgs(['--replicas', 'services=3'])).toEqual({ error: '--replicas needs --cluster' });
    expect(parseClusterArgs(['--clsuter'])).toEqual({
      error: 'unknown argument --clsuter (npm start [-- --cluster [--replicas services=3]])',
    });
  });
});
