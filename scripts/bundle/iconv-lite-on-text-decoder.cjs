'use strict';
// The part of iconv-lite that body-parser and raw-body call, on the runtime's own TextDecoder
// (full ICU: UTF-8, UTF-16, Latin-1, Shift_JIS, ...). Replaces iconv-lite in the vendor bundle,
// whose code-page tables are a fifth of the bundle and cost start-up time to parse.
function decoderFor(encoding) {
  return new TextDecoder(String(encoding).toLowerCase());
}

exports.encodingExists = function encodingExists(encoding) {
  try {
    decoderFor(encoding);
    return true;
  } catch {
    return false;
  }
};

exports.getDecoder = function getDecoder(encoding) {
  const decoder = decoderFor(encoding);
  return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
};

exports.decode = function decode(buffer, encoding) {
  return decoderFor(encoding).decode(buffer);
};
