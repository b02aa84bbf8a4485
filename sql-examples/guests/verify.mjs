// verify.mjs — checks every compiled example module the way the Calx host uses it (SPEC §3).
//
//   node verify.mjs [modules-dir]        (default: ../src/main/resources/modules)
//
// For each module: the expected exports with the expected arities (and, for routines that use the
// host API, the exact wasm types); no imports but the `calx` ones the routines' declarations grant,
// each with the type SPEC gives it; `memory` + `alloc` + `dealloc` where TEXT is used; `_initialize`
// called once if exported. Each call is marshalled as the host does it: alloc every TEXT argument,
// write its UTF-8, call, unpack the i64 result (ptr << 32 | len), bounds-check it, decode it as strict
// UTF-8, then dealloc argument and result buffers. Guests that use the host API run against
// host-stub.mjs, a stand-in for the engine's side of it. Results are compared with fixed expectations
// and with JavaScript reference implementations on random inputs; every TEXT function then runs 10,000
// more calls after a warm-up and linear memory must not grow.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { CallFailed, HOST_API, StubDatabase, StubHost, grantedImports } from "./host-stub.mjs";
import { moduleTypes } from "./module-types.mjs";

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
  // routine: for a guest of the host API, its declaration ({ access, columns }, as in host-stub.mjs)
  // and the stub database its SQL runs on. types: export name -> expected wasm type, "i32,i32->i64".
  constructor(file, { text, exports: expected, routine = null, database, types = {} }) {
    this.file = file;
    const bytes = readFileSync(join(modulesDir, file));
    this.size = bytes.length;
    this.module = new WebAssembly.Module(bytes);
    this.imports = WebAssembly.Module.imports(this.module);
    this.exportList = WebAssembly.Module.exports(this.module);
    const declared = moduleTypes(bytes);
    if (routine) {
      // What CREATE checks (46000 otherwise): only `calx` imports, only those the declaration grants.
      const granted = grantedImports({ access: routine.access, table: Boolean(routine.columns) });
      for (const i of declared.imports) {
        assert.equal(i.module, "calx", `${file}: imports ${i.module}.${i.name}`);
        assert.ok(granted.has(i.name), `${file}: imports calx.${i.name}, which ${JSON.stringify(routine)} does not grant`);
        assert.equal(i.type, HOST_API[i.name], `${file}: calx.${i.name} has type ${i.type}, SPEC says ${HOST_API[i.name]}`);
      }
      this.host = new StubHost({ ...routine, database });
    } else {
      // Calx grants no imports by default; none of the other examples asks for any (the AssemblyScript
      // ones are built with --use abort=calx/calxAbort, so they do not import env.abort either).
      assert.deepEqual(this.imports, [], `${file}: imports ${JSON.stringify(this.imports)}`);
      this.host = null;
    }
    for (const [name, type] of Object.entries(types)) {
      assert.equal(declared.exports.find((e) => e.name === name)?.type, type, `${file}: type of ${name}`);
    }
    const names = this.exportList.map((e) => `${e.name}:${e.kind}`).sort();
    assert.deepEqual(names, [...expected].sort(), `${file}: exports`);
    this.idle = [this.instantiate()]; // instances free to serve a call, the most recent last
    if (text) {
      assert.ok(this.x.memory instanceof WebAssembly.Memory, `${file}: exports memory`);
      assert.equal(typeof this.x.alloc, "function", `${file}: exports alloc`);
      assert.equal(this.x.alloc.length, 1, `${file}: alloc(len)`);
      assert.equal(typeof this.x.dealloc, "function", `${file}: exports dealloc`);
      assert.equal(this.x.dealloc.length, 2, `${file}: dealloc(ptr, len)`);
    }
  }

  // A new instance, initialised (SPEC §3: _initialize once per new instance).
  instantiate() {
    const holder = {};
    const instance = new WebAssembly.Instance(this.module, this.host ? this.host.imports(holder) : {});
    holder.exports = instance.exports;
    if (instance.exports._initialize) instance.exports._initialize();
    return instance;
  }

  // The exports of the instance the next call would use.
  get x() {
    return this.idle[this.idle.length - 1].exports;
  }

  // Linear memory of all idle instances (one, unless calls nested).
  memoryBytes() {
    return this.idle.reduce((n, i) => n + (i.exports.memory ? i.exports.memory.buffer.byteLength : 0), 0);
  }

  // Marshal like the host. argTypes: "text" | "i32" | "i64" | "f64"; resultType likewise, or "bool", or
  // for a guest of the host API "rows" (the rows it emitted) or "changed" (rows its SQL changed).
  // Calls may nest (a routine's SQL calling a routine): each takes an idle instance or a new one. An
  // instance whose call failed is dropped, as the engine drops it: a raise or a host failure unwinds
  // the guest mid-call, leaving its stack pointer and heap as they were at that moment.
  call(name, argTypes, resultType, ...args) {
    const instance = this.idle.pop() ?? this.instantiate();
    let result;
    try {
      result = this.callOn(instance.exports, name, argTypes, resultType, args);
    } catch (e) {
      if (this.idle.length === 0) this.idle.push(this.instantiate());
      throw e;
    }
    this.idle.push(instance);
    return result;
  }

  callOn(x, name, argTypes, resultType, args) {
    const fn = x[name];
    assert.equal(typeof fn, "function", `${this.file}: export ${name}`);
    const wasmArity = argTypes.reduce((n, t) => n + (t === "text" ? 2 : 1), 0);
    assert.equal(fn.length, wasmArity, `${this.file}: ${name} arity`);
    const raw = [];
    const owned = [];
    argTypes.forEach((t, i) => {
      if (t === "text") {
        const b = utf8.encode(args[i]);
        const ptr = x.alloc(b.length) >>> 0;
        assert.ok(ptr + b.length <= x.memory.buffer.byteLength, `${this.file}: alloc(${b.length}) = ${ptr} is outside memory`);
        new Uint8Array(x.memory.buffer, ptr, b.length).set(b); // re-read buffer: alloc may grow it
        raw.push(ptr, b.length);
        owned.push([ptr, b.length]);
      } else if (t === "i64") {
        raw.push(BigInt(args[i]));
      } else {
        raw.push(args[i]);
      }
    });
    const outcome = this.host ? this.host.run(() => fn(...raw)) : { value: fn(...raw) };
    const r = outcome.value;
    let result;
    if (resultType === "rows") {
      result = outcome.rows;
    } else if (resultType === "changed") {
      result = outcome.changed;
    } else if (resultType === "text") {
      assert.equal(typeof r, "bigint", `${this.file}: ${name} returns i64`);
      const packed = BigInt.asUintN(64, r);
      const ptr = Number(packed >> 32n);
      const len = Number(packed & 0xffffffffn);
      assert.ok(ptr + len <= x.memory.buffer.byteLength, `${this.file}: ${name} result (${ptr}, ${len}) outside memory`);
      result = strictUtf8.decode(new Uint8Array(x.memory.buffer, ptr, len).slice());
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
    for (const [ptr, len] of owned) x.dealloc(ptr, len);
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
  // alloc(len) with len >= 2^31 (negative as i32) can only be a host bug: every allocator traps rather
  // than hand out a buffer too small. (A fresh instance: after a trap the host discards the instance.)
  const fresh = g.instantiate().exports;
  if (fresh.alloc) assert.throws(() => fresh.alloc(-1), WebAssembly.RuntimeError, `${g.file}: alloc(-1) must trap`);
  const imports = g.imports.length ? g.imports.map((i) => `${i.module}.${i.name}`).join(", ") : "none";
  report.push(`${g.file.padEnd(22)} ${String(g.size).padStart(6)} B  exports: ${g.exportList
    .map((e) => (e.kind === "function" ? e.name : `${e.name}(${e.kind})`)).join(", ")}  imports: ${imports}${extra}`);
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

// ================================================================ guests of the host API ============
// They run against host-stub.mjs, the stand-in for the engine's side of the `calx` imports. One Guest
// per routine (CREATE statement), since the declaration decides what a call may do.

// The call fails with that SQLSTATE (and message, when given), as the caller would see it.
function fails(call, state, reason) {
  assert.throws(call, (e) => {
    assert.ok(e instanceof CallFailed, `expected a failed call, got ${e.stack ?? e}`);
    assert.equal(e.state, state, e.message);
    if (reason !== undefined) assert.equal(e.reason, reason);
    return true;
  });
}
const ROUTINE_EXPORTS = ["memory:memory", "alloc:function", "dealloc:function"];
const RUST_GLOBALS = ["__heap_base:global", "__data_end:global"];

// ---------------------------------------------------------------- C: transfer, a procedure ---------
{
  let concurrentDebit = 0; // taken from account 1 right after the procedure read its balance
  const db = new StubDatabase({ accounts: new Map([[1, { owner: "Ada", balance: 100 }], [2, { owner: "Grace", balance: 50 }]]) })
    .on("SELECT balance FROM accounts WHERE id = ?", ([id], d) => {
      const a = d.accounts.get(id);
      const rows = a ? [[a.balance]] : [];
      if (a && id === 1) a.balance -= concurrentDebit;
      return { rows };
    })
    .on("UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?", ([amount, id, atLeast], d) => {
      const a = d.accounts.get(id);
      if (!a || a.balance < Number(atLeast)) return { changed: 0 };
      a.balance -= Number(amount);
      return { changed: 1 };
    })
    .on("UPDATE accounts SET balance = balance + ? WHERE id = ?", ([amount, id], d) => {
      const a = d.accounts.get(id);
      if (!a) return { changed: 0 };
      a.balance += Number(amount);
      return { changed: 1 };
    });
  const balances = () => [...db.data.accounts].map(([id, a]) => `${id}:${a.balance}`).join(" ");
  const g = new Guest("c_transfer.wasm", {
    text: false,
    exports: [...ROUTINE_EXPORTS, "transfer:function"],
    routine: { access: "modifies" },
    database: db,
    types: { transfer: "i32,i32,i64->" },
  });
  const transfer = (from, to, amount) => g.call("transfer", ["i32", "i32", "i64"], "changed", from, to, amount);
  assert.equal(transfer(1, 2, 30), 2, "CALL transfer: two rows changed");
  assert.equal(balances(), "1:70 2:80");
  assert.equal(g.host.lastCall.leftOpen, 0, "transfer closes its statements");
  fails(() => transfer(2, 1, 500), "45000", "insufficient funds: account 2 has 80, needs 500");
  fails(() => transfer(1, 3, 10), "45000", "no account 3"); // after the debit: undone
  fails(() => transfer(3, 1, 10), "45000", "no account 3");
  fails(() => transfer(1, 2, 0), "45000", "amount must be positive, got 0");
  fails(() => transfer(1, 2, -9223372036854775808n), "45000", "amount must be positive, got -9223372036854775808");
  assert.equal(balances(), "1:70 2:80", "failed transfers left nothing behind");
  concurrentDebit = 60; // 70 when read, 10 when debited
  fails(() => transfer(1, 2, 50), "45000", "insufficient funds: account 1 has 10, needs 50");
  concurrentDebit = 0;
  assert.equal(balances(), "1:70 2:80");
  const mem = g.assertNoLeak("transfer", (i) => transfer(1 + (i % 2), 2 - (i % 2), 7));
  assert.equal(balances(), "1:70 2:80");
  done(g, `; memory after loops ${mem / 65536} pages`);
}

// ---------------------------------------------------------------- Rust: rate, reads SQL data ------
{
  const db = new StubDatabase({ rates: new Map([["EUR", 1], ["USD", 0.875], ["GBP", 1.125], ["CHF", 1.0625], ["日本円", 0.0078125]]) })
    .on("SELECT rate FROM rates WHERE currency = ?", ([currency], d) => {
      if (currency === "BUSY") throw new CallFailed("40001", "deadlock detected");
      return { rows: d.rates.has(currency) ? [[d.rates.get(currency)]] : [] };
    });
  const g = new Guest("rust_rates.wasm", {
    text: true,
    exports: [...ROUTINE_EXPORTS, ...RUST_GLOBALS, "rate:function"],
    routine: { access: "reads" },
    database: db,
    types: { rate: "i32,i32->f64" },
  });
  const rate = (currency) => g.call("rate", ["text"], "f64", currency);
  assert.equal(rate("USD"), 0.875);
  assert.equal(rate("EUR"), 1);
  assert.equal(rate("日本円"), 0.0078125);
  assert.equal(g.host.lastCall.leftOpen, 0, "the statement is closed when dropped");
  fails(() => rate("XYZ"), "45000", "no rate for currency 'XYZ'");
  fails(() => rate(""), "45000", "no rate for currency ''");
  fails(() => rate("Ä".repeat(500)), "45000", `no rate for currency '${"Ä".repeat(500)}'`);
  fails(() => rate("BUSY"), "40001", "deadlock detected"); // an SQL error it does not handle
  const mem = g.assertNoLeak("rate", () => rate(pick(["EUR", "USD", "GBP", "CHF"])));
  done(g, `; memory after loops ${mem / 65536} pages`);
}

// ---------------------------------------------------------------- AssemblyScript: split_words -----
{
  const words = (rowCap) => new Guest("as_words.wasm", {
    text: true,
    exports: [...ROUTINE_EXPORTS, "_initialize:function", "split_words:function"],
    routine: { access: "none", columns: ["i32", "text"], rowCap },
    types: { split_words: "i32,i32->" },
  });
  const g = words(1_000_000);
  const split = (s) => g.call("split_words", ["text"], "rows", s);
  assert.deepEqual(split("the quick  brown fox"), [[1, "the"], [2, "quick"], [3, "brown"], [4, "fox"]]);
  assert.deepEqual(split(""), []);
  assert.deepEqual(split(" \t\n\u3000 "), []);
  assert.deepEqual(split(" Grüße\u00A0aus\u3000Köln 😀 "), [[1, "Grüße"], [2, "aus"], [3, "Köln"], [4, "😀"]]);
  const splitRef = (s) => s.split(/[\s\u0085]+/u).filter((w) => w.length > 0).map((w, i) => [i + 1, w]);
  for (let i = 0; i < 300; i++) {
    const s = randomText(50);
    assert.deepEqual(split(s), splitRef(s), `split_words(${JSON.stringify(s)})`);
  }
  assert.equal(split("w ".repeat(100000)).length, 100000); // forces memory.grow
  const capped = words(3);
  fails(() => capped.call("split_words", ["text"], "rows", "a b c d e"), "54000");
  assert.equal(capped.host.lastCall.refused, 1, "split_words stops at the row cap");
  const mem = g.assertNoLeak("split_words", () => split(randomText(60)));
  done(g, `; memory after loops ${mem / 65536} pages`);
}

// ---------------------------------------------------------------- every import, per language ------
{
  const ECHO = "SELECT CAST(? AS INT), CAST(? AS INT), CAST(? AS BIGINT), CAST(? AS DOUBLE), CAST(? AS VARCHAR)";
  const db = new StubDatabase({ t: [] })
    .on(ECHO, (params) => ({ rows: [params] }))
    .on("SELECT 1", () => ({ rows: [[1]] }))
    .on("SELECT broken", () => {
      throw new CallFailed("42000", "x".repeat(3000));
    });
  for (const [file, extra] of [
    ["c_host_api.wasm", []],
    ["rust_host_api.wasm", RUST_GLOBALS],
    ["as_host_api.wasm", ["_initialize:function"]],
  ]) {
    const routine = (columns) => new Guest(file, {
      text: true,
      exports: [...ROUTINE_EXPORTS, ...extra, "echo:function", "run:function"],
      routine: { access: "reads", columns },
      database: db,
      types: { echo: "i32,i32->", run: "i32,i32->" },
    });
    const echo = routine(["i32", "i32", "i64", "f64", "text"]);
    assert.deepEqual(echo.imports.map((i) => i.name).sort(), Object.keys(HOST_API).sort(), `${file}: every import`);
    const roundTrip = (t) => echo.call("echo", ["text"], "rows", t);
    assert.deepEqual(roundTrip("héllo"), [[null, 7, 1099511627776n, 0.5, "héllo"]]);
    assert.deepEqual(echo.host.lastCall.logs, [[1, "echo: one row"]]);
    assert.equal(echo.host.lastCall.leftOpen, 0);
    assert.deepEqual(roundTrip(""), [[null, 7, 1099511627776n, 0.5, ""]]);
    const long = "ü😀".repeat(50000);
    assert.deepEqual(roundTrip(long), [[null, 7, 1099511627776n, 0.5, long]]);

    const run = routine(["i64"]);
    assert.deepEqual(run.call("run", ["text"], "rows", "SELECT 1"), [[0n]]);
    fails(() => run.call("run", ["text"], "rows", "INSERT INTO t VALUES (1)"), "38002",
      "a READS SQL DATA routine may not write: 'INSERT INTO t VALUES (1)'");
    fails(() => run.call("run", ["text"], "rows", "COMMIT"), "38003", "a routine may not run 'COMMIT'");
    fails(() => run.call("run", ["text"], "rows", "NOT SQL"), "42601", "syntax error in 'NOT SQL'");
    fails(() => run.call("run", ["text"], "rows", "SELECT broken"), "42000", "x".repeat(3000));
    fails(() => run.call("run", ["text"], "rows", ""), "22023", "empty statement");
    assert.deepEqual(db.data.t, []);
    const mem = echo.assertNoLeak("echo", () => roundTrip(randomText(40)));
    done(echo, `; memory after loops ${mem / 65536} pages`);
  }
}

// ---------------------------------------------------------------- WAT: routines that run any SQL --
{
  const db = new StubDatabase({ t: [1, 2, 3] })
    .on("INSERT INTO t VALUES (4)", (_, d) => {
      d.t.push(4);
      return { changed: 1 };
    })
    .on("SELECT COUNT(*) FROM t", (_, d) => ({ rows: [[d.t.length]] }))
    .on("SELECT x FROM empty", () => ({ rows: [] }))
    .on("SELECT MAX(x) FROM empty", () => ({ rows: [[null]] }))
    .on("SELECT 1", () => ({ rows: [[1]] }));
  const runner = (access) => new Guest("wat_sql_runner.wasm", {
    text: true,
    exports: [...ROUTINE_EXPORTS, "run_sql:function", "query_i64:function", "open_statements:function", "depth:function"],
    routine: { access },
    database: db,
    types: { run_sql: "i32,i32->i64", query_i64: "i32,i32->i64", open_statements: "i32->i32", depth: "i32->i32" },
  });
  const reads = runner("reads");
  const modifies = runner("modifies");
  const sql = (g, text) => g.call("run_sql", ["text"], "i64", text);
  fails(() => sql(reads, "INSERT INTO t VALUES (4)"), "38002");
  assert.deepEqual(db.data.t, [1, 2, 3]);
  assert.equal(sql(modifies, "INSERT INTO t VALUES (4)"), 1n);
  for (const forbidden of ["COMMIT", "ROLLBACK", "CREATE TABLE u (i INT)", "DROP TABLE t"]) {
    fails(() => sql(modifies, forbidden), "38003");
  }
  assert.equal(sql(reads, "SELECT 1"), 0n);
  const query = (text) => reads.call("query_i64", ["text"], "i64", text);
  assert.equal(query("SELECT COUNT(*) FROM t"), 4n);
  fails(() => query("SELECT x FROM empty"), "45000", "the query returned no row");
  fails(() => query("SELECT MAX(x) FROM empty"), "45000", "the value is NULL");
  // A statement text of 300,000 bytes: alloc grows memory; the host's message is cut to 1,017 bytes.
  assert.throws(() => sql(reads, `${" ".repeat(300000)}SELECT 1`), (e) => e.state === "42S02" && e.reason.length === 1017);

  const open = (n) => reads.call("open_statements", ["i32"], "i32", n);
  assert.equal(open(64), 64);
  assert.equal(open(64), 64, "the host closed the first call's statements");
  fails(() => open(65), "54000", "more than 64 open statements");

  db.on("SELECT depth(?)", ([n]) => ({ rows: [[reads.call("depth", ["i32"], "i32", n)]] }));
  const depth = (n) => reads.call("depth", ["i32"], "i32", n);
  assert.equal(depth(0), 0);
  assert.equal(depth(1), 1);
  assert.equal(depth(16), 16);
  assert.equal(reads.idle.length, 16, "each nested call ran on an instance of its own");
  fails(() => depth(17), "54001");
  done(reads);
}

// ---------------------------------------------------------------- WAT: hostile guests -------------
{
  const db = new StubDatabase()
    .on("SELECT 1", () => ({ rows: [[1]] }))
    .on("SELECT CAST(? AS VARCHAR(10))", (params) => ({ rows: [params] }))
    .on("SELECT 'abc'", () => ({ rows: [["abc"]] }));
  const abuses = ["unknown_handle", "closed_handle", "sql_out_of_range", "sql_past_memory_end", "sql_huge_length",
    "sql_negative_length", "sql_bad_utf8", "bind_text_out_of_range", "bind_parameter_zero", "column_text_out_of_range",
    "error_out_of_range", "raise_out_of_range", "raise_bad_utf8", "raise_success", "log_out_of_range"];
  const g = new Guest("wat_hostile.wasm", {
    text: false,
    exports: ["memory:memory", "stale_handle:function", ...abuses.map((name) => `${name}:function`)],
    routine: { access: "reads" },
    database: db,
    types: Object.fromEntries([...abuses.map((name) => [name, "->i32"]), ["stale_handle", "i32->i32"]]),
  });
  for (const name of abuses) fails(() => g.call(name, [], "i32"), "39000");
  assert.ok(g.call("stale_handle", ["i32"], "i32", 1) >= 1);
  fails(() => g.call("stale_handle", ["i32"], "i32", 2), "39000");
  done(g);
}

// ---------------------------------------------------------------- WAT: table functions that flood --
{
  const table = (columns) => new Guest("wat_flood.wasm", {
    text: false,
    exports: ["memory:memory", "flood:function", "emit_to_column:function", "emit_bad_text:function"],
    routine: { access: "none", columns, rowCap: 1000 },
    types: { flood: "i64->", emit_to_column: "i32->", emit_bad_text: "i32->" },
  });
  const flood = table(["i64"]);
  const rows = flood.call("flood", ["i64"], "rows", 1000);
  assert.equal(rows.length, 1000);
  assert.deepEqual(rows[999], [1000n]);
  fails(() => flood.call("flood", ["i64"], "rows", 1001), "54000");
  fails(() => flood.call("flood", ["i64"], "rows", 0), "54000"); // endless: stopped at the cap
  const column = table(["i32"]);
  assert.deepEqual(column.call("emit_to_column", ["i32"], "rows", 1), [[1]]);
  for (const col of [0, 2, -1]) fails(() => column.call("emit_to_column", ["i32"], "rows", col), "39000");
  const badText = table(["text"]);
  for (const how of [1, 2]) fails(() => badText.call("emit_bad_text", ["i32"], "rows", how), "39000");
  done(flood);
}

console.log(`verify.mjs: all modules OK (${modulesDir})`);
for (const line of report) console.log("  " + line);
