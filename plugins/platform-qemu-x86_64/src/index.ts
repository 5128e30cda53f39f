export { qemuX86_64Machine, MACHINE_SERVICES } from './machine-component.js';
