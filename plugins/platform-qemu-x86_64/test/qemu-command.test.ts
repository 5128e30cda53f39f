import { RUN_STATUS } from '@mewz/core';
import { exitStatus, kernelCommandLine, percentEncode, qemuCommand, qemuX86_64Platform } from '../src/index';

const request = { image: '/tmp/a b/app.elf', isa: 'x86_64', memory: 128 << 20, accel: 'tcg' as const, args: ['app', 'hello world', '100%'], env: { HOME: '/root', 'K=': 'v w' }, statusFile: '/tmp/s,1' };

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
  it('boots the image on microvm by default, TCG with -cpu max, no reboot, no display or monitor', () => {
    const run = qemuCommand(request, 'path');
    expect(run.command).toBe('qemu-system-x86_64');
    expect(run.stdin).toBe('console');
    const p = pairs(run.args);
    expect(p.slice(0, 11)).toEqual([
      ['-M', 'microvm,x-option-roms=off,auto-kernel-cmdline=off,pit=on,pic=off,rtc=on,isa-serial=off'],
      ['-accel', 'tcg'],
      ['-cpu', 'max'],
      ['-m', '128M'],
      ['-no-reboot', undefined],
      ['-nodefaults', undefined],
      ['-display', 'none'],
      ['-monitor', 'none'],
      ['-serial', 'none'],
      ['-kernel', '/tmp/a b/app.elf'],
      ['-append', 'mewz.arg=app mewz.arg=hello%20world mewz.arg=100%25 mewz.env=HOME=/root mewz.env=K==v%20w'],
    ]);
  });

  it('wires COM1 to stdio, COM2 to stderr, the debug console to the status file and isa-debug-exit', () => {
    const p = pairs(qemuCommand(request, 'path').args).slice(11);
    expect(p).toEqual([
      ['-chardev', 'stdio,id=console,signal=off'],
      ['-device', 'isa-serial,chardev=console,iobase=0x3f8,irq=4,index=0'],
      ['-chardev', 'file,id=stderr,path=/proc/self/fd/2,append=on'],
      ['-device', 'isa-serial,chardev=stderr,iobase=0x2f8,irq=3,index=1'],
      ['-chardev', 'file,id=status,path=/tmp/s,,1'],
      ['-device', 'isa-debugcon,chardev=status,iobase=0xe9'],
      ['-device', 'isa-debug-exit,iobase=0xf4,iosize=4'],
    ]);
    expect(qemuCommand(request, 'socket').args).toContain('socket,id=stderr,fd=2');
  });

  it('takes q35 and kvm, and rejects other machines, ISAs and too little memory', () => {
    const args = qemuCommand({ ...request, machine: 'q35', accel: 'kvm' }, 'path').args;
    expect(pairs(args).slice(0, 3)).toEqual([['-M', 'q35'], ['-accel', 'kvm'], ['-cpu', 'host']]);
    expect(() => qemuCommand({ ...request, machine: 'pc' })).toThrow('qemu-x86_64 has no machine "pc" (it has microvm, q35)');
    expect(() => qemuCommand({ ...request, isa: 'aarch64' })).toThrow('runs x86_64 images, not aarch64');
    expect(() => qemuCommand({ ...request, memory: 1 << 20 })).toThrow('at least 16 MiB');
    // Memory rounds up to whole MiB.
    expect(pairs(qemuCommand({ ...request, memory: (64 << 20) + 1 }, 'path').args)[3]).toEqual(['-m', '65M']);
  });

  it('is what the platform value runs', () => {
    expect(qemuX86_64Platform.run(request).args.slice(0, 22)).toEqual(qemuCommand(request, 'path').args.slice(0, 22));
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
    expect(status('trap\n')).toBe(RUN_STATUS.trap);
    expect(status('panic\n')).toBe(RUN_STATUS.panic);
  });

  it('explains a VM that ended without a status, naming QEMU\'s exit code or signal', () => {
    expect(status(undefined, 1)).toEqual(new Error('the VM ended without reporting a status (QEMU exited with code 1)'));
    expect(status('', null, 'SIGKILL')).toEqual(new Error('the VM ended without reporting a status (QEMU was killed by SIGKILL)'));
    expect(status('exit 256\n', 3)).toEqual(new Error('the VM reported an unknown status "exit 256" (QEMU exited with code 3)'));
    expect(status('exit\n')).toBeInstanceOf(Error);
  });
});
