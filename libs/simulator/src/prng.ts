/**
 * Seeded randomness. The simulator must give the same day for the same seed, so nothing here (or anywhere in the
 * simulator) may touch Math.random; every draw comes from an explicit generator state.
 */

/** 32-bit string hash (FNV-1a): turns names into stable seeds and identifiers. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** sfc32: small, fast, and passes PractRand far beyond what a day of contacts needs. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9 ^ seed;
    this.b = 0x243f6a88 ^ stream;
    this.c = 0xb7e15162 ^ Math.imul(seed, 0x85ebca6b);
    this.d = 1;
    // Warm up so nearby seeds diverge immediately.
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** A generator derived from this seed and a label, independent of how many draws this one has made. */
  static derive(seed: number, label: string): Prng {
    return new Prng(seed >>> 0, hash32(label));
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given arithmetic mean and coefficient of variation (handle times look like this). */
  logNormal(mean: number, cv: number): number {
    const sigma2 = Math.log(1 + cv * cv);
    const mu = Math.log(mean) - sigma2 / 2;
    return Math.exp(this.normal(mu, Math.sqrt(sigma2)));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i];
      if (r < 0) return items[i];
    }
    return items[items.length - 1];
  }

  /** A random (version 4 layout) UUID drawn from this generator. */
  uuid(): string {
    return formatUuid(this.nextUint32(), this.nextUint32(), this.nextUint32(), this.nextUint32());
  }
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(n: number): string {
  return HEX[(n >>> 24) & 255] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];
}

function formatUuid(w0: number, w1: number, w2: number, w3: number): string {
  const v1 = ((w1 & 0xffff0fff) | 0x00004000) >>> 0;
  const v2 = ((w2 & 0x3fffffff) | 0x80000000) >>> 0;
  const a = hex32(w0);
  const b = hex32(v1);
  const c = hex32(v2);
  const d = hex32(w3);
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

/** A UUID that depends only on a name, so topology ARNs stay the same from one seed to the next. */
export function nameUuid(name: string): string {
  const p = new Prng(hash32(name), hash32(`uuid:${name}`));
  return p.uuid();
}
