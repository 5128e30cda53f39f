import {
  checkRunRequest,
  kernelCommandLine,
  MACHINE_SERVICES,
  machineComponent,
  percentEncode,
  qemuOptionValue,
  qemuStderrChardev,
  RUN_STATUS,
  type RunRequest,
  unikernelExitStatus,
} from '../src/index';

const MiB = 1024 * 1024;

function request(over: Partial<RunRequest> = {}): RunRequest {
  return { image: 'app.img', isa: 'x86_64', memory: 64 * MiB, accel: 'tcg', args: ['app'], env: {}, statusFile: '/tmp/s', ...over };
}

describe('kernel command line', () => {
  it('keeps the plain set and percent-encodes every other UTF-8 byte', () => {
    expect(percentEncode('a-Z_0.~/:,+@=')).toBe('a-Z_0.~/:,+@=');
    expect(percentEncode('a b%\n')).toBe('a%20b%25%0A');
    expect(percentEncode('é')).toBe('%C3%A9');
  });

  it('puts the arguments first, in order, then the environment', () => {
    expect(kernelCommandLine({ args: ['app', 'x y'], env: { HOME: '/root', Q: 'a=b' } })).toBe(
      'mewz.arg=app mewz.arg=x%20y mewz.env=HOME=/root mewz.env=Q=a=b',
    );
    expect(kernelCommandLine({ args: [], env: {} })).toBe('');
  });
});

describe('QEMU options', () => {
  it('doubles commas in option values', () => {
    expect(qemuOptionValue('/tmp/a,b,,c')).toBe('/tmp/a,,b,,,,c');
  });

  it('opens fd 2 by path unless it is a socket', () => {
    expect(qemuStderrChardev('path')).toBe('file,id=stderr,path=/proc/self/fd/2,append=on');
    expect(qemuStderrChardev('socket', 'log')).toBe('socket,id=log,fd=2');
  });
});

describe('checkRunRequest', () => {
  const platform = { platform: 'qemu-test', isa: 'x86_64', machines: ['small', 'big'] as const, minMemory: 16 * MiB };

  it('gives the requested machine, or the first by default', () => {
    expect(checkRunRequest(request(), platform)).toBe('small');
    expect(checkRunRequest(request({ machine: 'big' }), platform)).toBe('big');
  });

  it('rejects an unknown machine, another ISA and too little or non-integral memory', () => {
    expect(() => checkRunRequest(request({ machine: 'huge' }), platform)).toThrow('qemu-test has no machine "huge" (it has small, big)');
    expect(() => checkRunRequest(request({ isa: 'aarch64' }), platform)).toThrow('qemu-test runs x86_64 images, not aarch64');
    expect(() => checkRunRequest(request({ memory: 15 * MiB }), platform)).toThrow('the machine needs at least 16 MiB of RAM');
    expect(() => checkRunRequest(request({ memory: 20 * MiB + 0.5 }), platform)).toThrow('at least 16 MiB');
  });
});

describe('unikernelExitStatus', () => {
  it('reads the last status line', () => {
    expect(unikernelExitStatus(0, null, 'exit 3\n')).toBe(3);
    expect(unikernelExitStatus(0, null, 'exit 1\n  exit 255  \n\n')).toBe(255);
    expect(unikernelExitStatus(0, null, 'trap\n')).toBe(RUN_STATUS.trap);
    expect(unikernelExitStatus(0, null, 'panic')).toBe(RUN_STATUS.panic);
  });

  it('is an Error saying how QEMU ended when there is no status or an unknown one', () => {
    const none = unikernelExitStatus(null, 'SIGKILL', undefined);
    expect(none).toBeInstanceOf(Error);
    expect((none as Error).message).toBe('the VM ended without reporting a status (QEMU was killed by SIGKILL)');
    expect((unikernelExitStatus(1, null, 'exit 256') as Error).message).toBe('the VM reported an unknown status "exit 256" (QEMU exited with code 1)');
    expect(unikernelExitStatus(null, null, '\n \n')).toBeInstanceOf(Error);
  });
});

describe('machineComponent', () => {
  it('provides every machine service and needs the page allocator and panic', () => {
    const c = machineComponent({ name: 'test-machine', description: 'd', source: '/abs/machine/index.ts' });
    expect(c).toMatchObject({ kind: 'component', name: 'test-machine', apiVersion: 1, sources: ['/abs/machine/index.ts'] });
    expect(c.provides.map((p) => `${p.module}.${p.name}`)).toEqual(MACHINE_SERVICES.map((n) => `mewz:machine.${n}`));
    expect(c.requires.symbols.map((s) => s.name)).toEqual(['mm_alloc_page', 'kernel_panic']);
    expect(Object.isFrozen(c) && Object.isFrozen(c.provides[0])).toBe(true);
  });
});
