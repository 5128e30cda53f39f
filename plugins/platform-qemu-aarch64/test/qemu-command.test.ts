import { checkPlugin, RUN_STATUS } from '@mewz/core';
import { exitStatus, kernelCommandLine, percentEncode, qemuAarch64Platform, qemuCommand } from '../src/index';

const request = { image: '/tmp/a b/app.elf', isa: 'aarch64', memory: 128 << 20, accel: 'tcg' as const, args: ['app', 'hello world', '100%'], env: { HOME: '/root', 'K=': 'v w' }, statusFile: '/tmp/s,1' };

/** The value of each `-flag` (in order) as pairs, so options read as they are written. */
function pairs(args: readonly string[]): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (next !== undefined && !next.startsWith('-')) {
      out.push([args[i]!, next]);
      i++;
    } else out.push([args[i]!, undefined]);
  }
  return out;
}

describe('the QEMU command', () => {
  it('boots the image on virt with GICv2, TCG with -cpu max, no reboot, no display or monitor', () => {
    const run = qemuCommand(request, 'path');
    expect(run.command).toBe('qemu-system-aarch64');
    expect(run.stdin).toBe('console');
    expect(run.stdout).toBe('drain');
    expect(pairs(run.args).slice(0, 10)).toEqual([
      ['-M', 'virt,gic-version=2'],
      ['-accel', 'tcg'],
      ['-cpu', 'max'],
      ['-m', '128M'],
      ['-no-reboot', undefined],
      ['-nodefaults', undefined],
      ['-display', 'none'],
      ['-monitor', 'none'],
      ['-kernel', '/tmp/a b/app.elf'],
      ['-append', 'mewz.arg=app mewz.arg=hello%20world mewz.arg=100%25 mewz.env=HOME=/root mewz.env=K==v%20w'],
    ]);
  });

  it('wires the PL011 to stdio, semihosting to stderr, with the status file as its command line', () => {
    const p = pairs(qemuCommand(request, 'path').args).slice(10);
    expect(p).toEqual([
      ['-chardev', 'stdio,id=console,signal=off'],
      ['-serial', 'chardev:console'],
      ['-chardev', 'file,id=stderr,path=/proc/self/fd/2,append=on'],
      ['-semihosting-config', 'enable=on,target=native,chardev=stderr,arg=/tmp/s,,1'],
    ]);
    expect(qemuCommand(request, 'socket').args).toContain('socket,id=stderr,fd=2');
  });

  it('takes kvm, and rejects other machines, ISAs, too little or too much memory and a status path with spaces', () => {
    const args = qemuCommand({ ...request, accel: 'kvm' }, 'path').args;
    expect(pairs(args).slice(1, 3)).toEqual([['-accel', 'kvm'], ['-cpu', 'host']]);
    expect(() => qemuCommand({ ...request, machine: 'sbsa-ref' })).toThrow('qemu-aarch64 has no machine "sbsa-ref" (it has virt)');
    expect(() => qemuCommand({ ...request, isa: 'x86_64' })).toThrow('runs aarch64 images, not x86_64');
    expect(() => qemuCommand({ ...request, memory: 1 << 20 })).toThrow('at least 16 MiB');
    expect(() => qemuCommand({ ...request, memory: 4 * 1024 * (1 << 20) })).toThrow('at most 3 GiB');
    expect(() => qemuCommand({ ...request, statusFile: '/tmp/a b' })).toThrow('must not contain white space');
    // Memory rounds up to whole MiB.
    expect(pairs(qemuCommand({ ...request, memory: (64 << 20) + 1 }, 'path').args)[3]).toEqual(['-m', '65M']);
  });

  it('is what the platform value runs', () => {
    expect(qemuAarch64Platform.run(request).args.slice(0, 16)).toEqual(qemuCommand(request, 'path').args.slice(0, 16));
  });

  it('is a valid platform plugin', () => {
    expect(checkPlugin(qemuAarch64Platform, 'platform')).toEqual([]);
    expect(qemuAarch64Platform.imageFormat).toEqual({ container: 'elf64', entry: 'arm64-image' });
  });
});

describe('the kernel command line', () => {
  it('percent-encodes every byte outside the plain set, UTF-8 included', () => {
    expect(percentEncode('A-z_0.9~/:,+@=')).toBe('A-z_0.9~/:,+@=');
    expect(percentEncode('a b%\n"é')).toBe('a%20b%25%0A%22%C3%A9');
    expect(percentEncode('')).toBe('');
  });

  it('lists arguments in order, then the environment', () => {
    expect(kernelCommandLine({ args: ['x', ''], env: { A: '1' } })).toBe('mewz.arg=x mewz.arg= mewz.env=A=1');
    expect(kernelCommandLine({ args: [], env: {} })).toBe('');
  });
});

describe('exitStatus', () => {
  const status = (text: string | undefined, code: number | null = 1, signal: string | null = null) => exitStatus(code, signal, text);

  it('reads the last status line', () => {
    expect(status('exit 0\n')).toBe(0);
    expect(status('exit 255')).toBe(255);
    expect(status('exit 3\nexit 4\n\n')).toBe(4);
    expect(status('trap\n', 134)).toBe(RUN_STATUS.trap);
    expect(status('panic\n', 135)).toBe(RUN_STATUS.panic);
  });

  it('explains a VM that ended without a status, naming QEMU\'s exit code or signal', () => {
    expect(status(undefined, 1)).toEqual(new Error('the VM ended without reporting a status (QEMU exited with code 1)'));
    expect(status('', null, 'SIGKILL')).toEqual(new Error('the VM ended without reporting a status (QEMU was killed by SIGKILL)'));
    expect(status('exit 256\n', 3)).toEqual(new Error('the VM reported an unknown status "exit 256" (QEMU exited with code 3)'));
    expect(status('exit\n')).toBeInstanceOf(Error);
  });
});
