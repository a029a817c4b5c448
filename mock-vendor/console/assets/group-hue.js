// The hue of a retry group's stripe, from its Idempotency-Key or X-Correlation-Id.
// Clients number their keys (sync-0, sync-1, …), and neighbouring groups must not look alike:
// the trailing number steps round the colour wheel by the golden angle (about 137.5°), and the
// rest of the key picks the starting point through a well-mixed hash. Keys without a number get
// the hash alone, which spreads them evenly too.

const GOLDEN_ANGLE = 137.50776405003785;

/** 32-bit FNV-1a, then murmur3's finaliser so that keys differing in one character land far apart. */
function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A hue in degrees, 0 to 359, always the same for the same key. */
export function groupHue(key) {
  const numbered = /^(.*?)(\d+)(\D*)$/.exec(key);
  // The last nine digits are plenty to tell neighbours apart, and keep the arithmetic exact.
  const step = numbered ? Number(numbered[2].slice(-9)) : 0;
  const stem = numbered ? `${numbered[1]}#${numbered[3]}` : key;
  const start = (hash32(stem) / 2 ** 32) * 360;
  return Math.floor((start + step * GOLDEN_ANGLE) % 360);
}
