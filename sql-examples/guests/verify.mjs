// verify.mjs — checks every compiled example module the way the Calx host uses it (SPEC §3).
//
//   node verify.mjs [modules-dir]        (default: ../src/main/resources/modules)
//
// For each module: no imports; the expected exports with the expected arities; `memory` + `alloc` +
// `dealloc` where TEXT is used; `_initialize` called once if exported. Each call is marshalled as the
// host does it: alloc every TEXT argument, write its UTF-8, call, unpack the i64 result
// (ptr << 32 | len), bounds-check it, decode it as strict UTF-8, then dealloc argument and result
// buffers. Results are compared with fixed expectations and with JavaScript reference implementations
// on random inputs; every TEXT function then runs 10,000 more calls after a warm-up and linear memory
// must not grow.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const here = dirname(fileURLToPath(import.meta.url));
const modulesDir = process.argv[2] ?? join(here, "..", "src", "main", "resources", "modules");
const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

// Deterministic PRNG (mulberry32) so failures reproduce.
let seed = 0x5eed1234;
function rnd() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rnd() * a.length)];
const ALPHABET = [..."abcdeéèßöøæœAÉÖ  ,.-!?0123456789", "😀", "東", "Я", "\u00A0", "\u3000", "\t", "İ", "ŀ"];
function randomText(maxLen) {
  const n = Math.floor(rnd() * (maxLen + 1));
  let s = "";
  for (let i = 0; i < n; i++) s += pick(ALPHABET);
  return s;
}

class Guest {
  constructor(file, { text, exports: expected }) {
    this.file = file;
    const bytes = readFileSync(join(modulesDir, file));
    this.size = bytes.length;
    const mod = new WebAssembly.Module(bytes);
    this.imports = WebAssembly.Module.imports(mod);
    this.exportList = WebAssembly.Module.exports(mod);
    // Calx grants no imports by default; none of the examples asks for any (the AssemblyScript one is
    // built with --use abort=calx/calxAbort, so it does not import env.abort either).
    assert.deepEqual(this.imports, [], `${file}: imports ${JSON.stringify(this.imports)}`);
    const names = this.exportList.map((e) => `${e.name}:${e.kind}`).sort();
    assert.deepEqual(names, [...expected].sort(), `${file}: exports`);
    this.instance = new WebAssembly.Instance(mod, {});
    this.x = this.instance.exports;
    if (text) {
      assert.ok(this.x.memory instanceof WebAssembly.Memory, `${file}: exports memory`);
      assert.equal(typeof this.x.alloc, "function", `${file}: exports alloc`);
      assert.equal(this.x.alloc.length, 1, `${file}: alloc(len)`);
      assert.equal(typeof this.x.dealloc, "function", `${file}: exports dealloc`);
      assert.equal(this.x.dealloc.length, 2, `${file}: dealloc(ptr, len)`);
    }
    if (this.x._initialize) this.x._initialize(); // SPEC §3: once per new instance
  }

  memoryBytes() {
    return this.x.memory ? this.x.memory.buffer.byteLength : 0;
  }

  // Marshal like the host. argTypes: "text" | "i32" | "i64" | "f64"; resultType likewise.
  call(name, argTypes, resultType, ...args) {
    const fn = this.x[name];
    assert.equal(typeof fn, "function", `${this.file}: export ${name}`);
    const wasmArity = argTypes.reduce((n, t) => n + (t === "text" ? 2 : 1), 0);
    assert.equal(fn.length, wasmArity, `${this.file}: ${name} arity`);
    const raw = [];
    const owned = [];
    argTypes.forEach((t, i) => {
      if (t === "text") {
        const b = utf8.encode(args[i]);
        const ptr = this.x.alloc(b.length) >>> 0;
        assert.ok(ptr + b.length <= this.memoryBytes(), `${this.file}: alloc(${b.length}) = ${ptr} is outside memory`);
        new Uint8Array(this.x.memory.buffer, ptr, b.length).set(b); // re-read buffer: alloc may grow it
        raw.push(ptr, b.length);
        owned.push([ptr, b.length]);
      } else if (t === "i64") {
        raw.push(BigInt(args[i]));
      } else {
        raw.push(args[i]);
      }
    });
    const r = fn(...raw);
    let result;
    if (resultType === "text") {
      assert.equal(typeof r, "bigint", `${this.file}: ${name} returns i64`);
      const packed = BigInt.asUintN(64, r);
      const ptr = Number(packed >> 32n);
      const len = Number(packed & 0xffffffffn);
      assert.ok(ptr + len <= this.memoryBytes(), `${this.file}: ${name} result (${ptr}, ${len}) outside memory`);
      result = strictUtf8.decode(new Uint8Array(this.x.memory.buffer, ptr, len).slice());
      owned.push([ptr, len]);
    } else if (resultType === "i64") {
      assert.equal(typeof r, "bigint");
      result = r;
    } else if (resultType === "bool") {
      assert.equal(typeof r, "number");
      result = r !== 0;
    } else {
      assert.equal(typeof r, "number", `${this.file}: ${name} result type`);
      result = r;
    }
    for (const [ptr, len] of owned) this.x.dealloc(ptr, len);
    return result;
  }

  // 10,000 calls after a warm-up: linear memory must not grow.
  assertNoLeak(label, callOnce) {
    for (let i = 0; i < 1000; i++) callOnce(i);
    const before = this.memoryBytes();
    for (let i = 0; i < 10000; i++) callOnce(i);
    const after = this.memoryBytes();
    assert.equal(after, before, `${this.file}: ${label}: memory grew from ${before} to ${after} bytes over 10,000 calls`);
    return after;
  }
}

// ---------------------------------------------------------------- reference implementations -------
function levenshteinRef(a, b) {
  const x = [...a], y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length];
}
function luhnRef(n) {
  if (n < 0n) return false;
  let sum = 0;
  [...n.toString()].reverse().forEach((c, i) => {
    let d = Number(c);
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  });
  return sum % 10 === 0;
}
function haversineRef(lat1, lon1, lat2, lon2) {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(Math.min(1, Math.max(0, a))));
}
function wordCountRef(s) {
  return s.split(/[\s\u0085]+/u).filter((w) => w.length > 0).length;
}

const report = [];
function done(g, extra = "") {
  report.push(`${g.file.padEnd(20)} ${String(g.size).padStart(6)} B  exports: ${g.exportList
    .map((e) => (e.kind === "function" ? e.name : `${e.name}(${e.kind})`)).join(", ")}  imports: none${extra}`);
}

// ---------------------------------------------------------------- C --------------------------------
{
  const g = new Guest("c_examples.wasm", {
    text: true,
    exports: ["memory:memory", "alloc:function", "dealloc:function", "levenshtein:function", "luhn_check:function"],
  });
  const lev = (a, b) => g.call("levenshtein", ["text", "text"], "i32", a, b);
  assert.equal(lev("kitten", "sitting"), 3);
  assert.equal(lev("été", "ete"), 2);
  assert.equal(lev("", ""), 0);
  assert.equal(lev("abc", ""), 3);
  assert.equal(lev("", "日本語"), 3);
  assert.equal(lev("flaw", "lawn"), 2);
  assert.equal(lev("😀a", "😃a"), 1);
  for (let i = 0; i < 300; i++) {
    const a = randomText(30), b = randomText(30);
    assert.equal(lev(a, b), levenshteinRef(a, b), `levenshtein(${JSON.stringify(a)}, ${JSON.stringify(b)})`);
  }
  const long = "ab".repeat(5000);
  assert.equal(lev(long, long.slice(1) + "x"), 2);

  const luhn = (n) => g.call("luhn_check", ["i64"], "bool", n);
  assert.equal(luhn(79927398713n), true);
  assert.equal(luhn(79927398710n), false);
  assert.equal(luhn(4539578763621486n), luhnRef(4539578763621486n));
  assert.equal(luhn(0n), true);
  assert.equal(luhn(-79927398713n), false);
  assert.equal(luhn(9223372036854775807n), luhnRef(9223372036854775807n));
  for (let i = 0; i < 300; i++) {
    const n = BigInt(Math.floor(rnd() * 1e15)) * 1000n + BigInt(Math.floor(rnd() * 1000));
    assert.equal(luhn(n), luhnRef(n), `luhn_check(${n})`);
  }

  // allocator contract: 8-byte alignment, distinct live blocks, harmless dealloc(0) and foreign frees
  const ptrs = [0, 1, 7, 8, 9, 100, 4096, 70000].map((n) => [g.x.alloc(n) >>> 0, n]);
  ptrs.forEach(([p]) => assert.equal(p % 8, 0, "alloc alignment"));
  assert.equal(new Set(ptrs.map(([p]) => p)).size, ptrs.length, "distinct blocks");
  ptrs.forEach(([p, n]) => g.x.dealloc(p, n));
  g.x.dealloc(0, 0);
  g.x.dealloc(ptrs[1][0], 1); // double free: ignored
  assert.equal(lev("big".repeat(100000), "bog".repeat(10) ), 299980); // forces memory.grow
  const mem = g.assertNoLeak("levenshtein", () => {
    const a = randomText(40), b = randomText(40);
    lev(a, b);
  });
  done(g, `; memory after loops ${mem / 65536} pages`);
}

// ---------------------------------------------------------------- Rust -----------------------------
{
  const g = new Guest("rust_examples.wasm", {
    text: true,
    exports: ["memory:memory", "alloc:function", "dealloc:function", "haversine_km:function", "slugify:function",
      "__heap_base:global", "__data_end:global"],
  });
  const hav = (...a) => g.call("haversine_km", ["f64", "f64", "f64", "f64"], "f64", ...a);
  const parisLondon = hav(48.8566, 2.3522, 51.5074, -0.1278);
  assert.ok(Math.abs(parisLondon - 343.5) < 0.5, `Paris-London = ${parisLondon}`);
  assert.equal(hav(10, 20, 10, 20), 0);
  assert.ok(Math.abs(hav(0, 0, 0, 180) - Math.PI * 6371.0088) < 1e-6, "antipodes");
  for (let i = 0; i < 300; i++) {
    const p = [rnd() * 180 - 90, rnd() * 360 - 180, rnd() * 180 - 90, rnd() * 360 - 180];
    const want = haversineRef(...p), got = hav(...p);
    assert.ok(Math.abs(got - want) <= 1e-9 * Math.max(1, want), `haversine(${p}) = ${got}, want ${want}`);
  }

  const slug = (s) => g.call("slugify", ["text"], "text", s);
  assert.equal(slug("Héllo, Wörld! Straße"), "hello-world-strasse");
  assert.equal(slug("  --Already-Slugged--  "), "already-slugged");
  assert.equal(slug(""), "");
  assert.equal(slug("!!! ???"), "");
  assert.equal(slug("Ærøskøbing Œuvre"), "aeroskobing-oeuvre");
  assert.equal(slug("Crème Brûlée № 5"), "creme-brulee-5");
  assert.equal(slug("Привет, мир"), "привет-мир");
  assert.equal(slug("東京 2024"), "東京-2024");
  assert.equal(slug("İstanbul ŁÓDŹ"), "istanbul-lodz");
  assert.equal(slug("a".repeat(200000) + " B"), "a".repeat(200000) + "-b"); // forces memory.grow
  g.x.dealloc(0, 0);
  const mem = g.assertNoLeak("slugify", () => slug(randomText(60)));
  done(g, `; memory after loops ${mem / 65536} pages`);
}

// ---------------------------------------------------------------- AssemblyScript -------------------
{
  const g = new Guest("as_examples.wasm", {
    text: true,
    exports: ["memory:memory", "alloc:function", "dealloc:function", "calculate_discount:function",
      "word_count:function", "title_case:function", "_initialize:function"],
  });
  const disc = (p, t) => g.call("calculate_discount", ["f64", "i32"], "f64", p, t);
  assert.equal(disc(100, 1), 95);
  assert.equal(disc(100, 2), 90);
  assert.equal(disc(100, 3), 85);
  assert.equal(disc(100, 0), 100);
  assert.equal(disc(100, 4), 100);
  assert.equal(disc(100, -1), 100);
  assert.ok(Math.abs(disc(19.99, 2) - 17.991) < 1e-12);

  const wc = (s) => g.call("word_count", ["text"], "i32", s);
  assert.equal(wc("  the quick  brown fox "), 4);
  assert.equal(wc(""), 0);
  assert.equal(wc("   "), 0);
  assert.equal(wc("one"), 1);
  assert.equal(wc("tab\tseparated\nlines\r\nhere"), 4);
  assert.equal(wc("a\u00A0b\u3000c\u2003d"), 4);
  assert.equal(wc("😀 東京 Straße"), 3);
  for (let i = 0; i < 300; i++) {
    const s = randomText(50);
    assert.equal(wc(s), wordCountRef(s), `word_count(${JSON.stringify(s)})`);
  }

  const tc = (s) => g.call("title_case", ["text"], "text", s);
  assert.equal(tc("hello wORLD"), "Hello World");
  assert.equal(tc("élan  vital"), "Élan  Vital");
  assert.equal(tc(""), "");
  assert.equal(tc("😀 ok"), "😀 Ok");

  assert.equal(wc("w ".repeat(150000)), 150000); // forces memory.grow
  let mem = g.assertNoLeak("word_count", () => wc(randomText(60)));
  mem = g.assertNoLeak("title_case", () => tc(randomText(60)));
  done(g, `; memory after loops ${mem / 65536} pages`);
}

// ---------------------------------------------------------------- C tutorial -----------------------
{
  const g = new Guest("c_initials.wasm", {
    text: true,
    exports: ["memory:memory", "alloc:function", "dealloc:function", "initials:function"],
  });
  const initials = (s) => g.call("initials", ["text"], "text", s);
  assert.equal(initials("Ada King-Lovelace"), "AKL");
  assert.equal(initials("émile zola"), "éZ");
  assert.equal(initials("  grace  murray hopper "), "GMH");
  assert.equal(initials(""), "");
  assert.equal(initials("東京 タワー"), "東タ");
  const initialsRef = (s) => s.split(/[ -]+/).filter((w) => w.length > 0)
    .map((w) => [...w][0]).map((c) => (c >= "a" && c <= "z" ? c.toUpperCase() : c)).join("");
  const mem = g.assertNoLeak("initials", () => {
    const s = randomText(60);
    assert.equal(initials(s), initialsRef(s), `initials(${JSON.stringify(s)})`);
  });
  done(g, `; memory after loops ${mem / 65536} pages`);
}

// ---------------------------------------------------------------- WAT ------------------------------
{
  const g = new Guest("wat_gcd.wasm", { text: false, exports: ["gcd:function", "add_one:function"] });
  const gcd = (a, b) => g.call("gcd", ["i32", "i32"], "i32", a, b);
  assert.equal(gcd(12, 18), 6);
  assert.equal(gcd(0, 5), 5);
  assert.equal(gcd(-4, 6), 2);
  assert.equal(gcd(0, 0), 0);
  assert.equal(gcd(1071, 462), 21);
  assert.equal(g.call("add_one", ["i32"], "i32", 41), 42);
  assert.equal(g.call("add_one", ["i32"], "i32", 2147483647), -2147483648);
  done(g);
}
{
  const g = new Guest("wat_upper.wasm", {
    text: true,
    exports: ["memory:memory", "alloc:function", "dealloc:function", "upper_ascii:function"],
  });
  const up = (s) => g.call("upper_ascii", ["text"], "text", s);
  assert.equal(up("Hello, wörld!"), "HELLO, WöRLD!");
  assert.equal(up(""), "");
  assert.equal(up("az{`AZ"), "AZ{`AZ");
  assert.equal(up("x".repeat(300000)), "X".repeat(300000)); // forces memory.grow
  g.x.dealloc(0, 0);
  const mem = g.assertNoLeak("upper_ascii", () => {
    const s = randomText(80);
    assert.equal(up(s), s.replace(/[a-z]/g, (c) => c.toUpperCase()));
  });
  done(g, `; memory after loops ${mem / 65536} pages`);
}

// ---------------------------------------------------------------- ABI edge: negative length --------
// alloc(len) with len >= 2^31 (negative as i32) can only be a host bug: every allocator traps rather
// than hand out a buffer too small. (Fresh instances: after a trap the host discards the instance.)
for (const file of ["c_examples.wasm", "c_initials.wasm", "rust_examples.wasm", "as_examples.wasm", "wat_upper.wasm"]) {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(modulesDir, file))), {});
  if (inst.exports._initialize) inst.exports._initialize();
  assert.throws(() => inst.exports.alloc(-1), WebAssembly.RuntimeError, `${file}: alloc(-1) must trap`);
}

console.log(`verify.mjs: all modules OK (${modulesDir})`);
for (const line of report) console.log("  " + line);
