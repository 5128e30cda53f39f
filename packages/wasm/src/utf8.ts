// WHATWG's fatal decoder rejects exactly what Wasm names forbid: overlong forms,
// surrogates, code points above U+10FFFF, truncated sequences. ignoreBOM keeps a leading
// U+FEFF as part of the name instead of silently dropping it.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes strict UTF-8; undefined when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  // Names are nearly always short ASCII: skip the decoder for those.
  if (bytes.length < 64) {
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode(...bytes);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
