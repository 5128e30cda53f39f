import type { Suite } from '../suite.js';
import { compileSuite } from './compile.js';
import { cpuSuite } from './cpu.js';
import { frontendSuite } from './frontend.js';
import { unikernelSuite } from './unikernel.js';

/** Every suite `bench <suite>` knows, in the order `bench --help` lists them. Add new suites here. */
export const SUITES: readonly Suite[] = [frontendSuite, cpuSuite, compileSuite, unikernelSuite];
