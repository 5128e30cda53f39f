// V8's WebAssembly API as an independent check of generated modules. The repo's TypeScript
// lib settings leave out the WebAssembly globals, so this declares the few calls used.
interface V8Wasm {
  validate(bytes: Uint8Array): boolean;
  Module: {
    new (bytes: Uint8Array): object;
    imports(m: object): { module: string; name: string; kind: string }[];
    exports(m: object): { name: string; kind: string }[];
    customSections(m: object, name: string): ArrayBuffer[];
  };
}

export const v8wasm = (globalThis as unknown as { WebAssembly: V8Wasm }).WebAssembly;
