import type { Suite } from '../suite.js';
import { compileSuite } from './compile.js';
import { cpuAarch64Suite, cpuSuite } from './cpu.js';
import { frontendSuite } from './frontend.js';
import { unikernelAarch64Suite, unikernelSuite } from './unikernel.js';

/** Every suite `bench <suite>` knows, in the order `bench --help` lists them. Add new suites here. */
export const SUITES: readonly Suite[] = [frontendSuite, cpuSuite, cpuAarch64Suite, compileSuite, unikernelSuite, unikernelAarch64Suite];
