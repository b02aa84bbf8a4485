// module-types.mjs — the wasm types of a module's imports and exports, read from its binary, because
// Node's WebAssembly.Module.imports / exports name them without their types. A type reads as
// "i32,i32->i64" (parameters -> results).

const VALUE_TYPES = { 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64", 0x7b: "v128", 0x70: "funcref", 0x6f: "externref" };
const KINDS = ["function", "table", "memory", "global"];

class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.at = 0;
  }
  byte() {
    return this.bytes[this.at++];
  }
  u32() {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  }
  name() {
    const len = this.u32();
    const text = new TextDecoder().decode(this.bytes.subarray(this.at, this.at + len));
    this.at += len;
    return text;
  }
  valueTypes() {
    const n = this.u32();
    return Array.from({ length: n }, () => VALUE_TYPES[this.byte()] ?? "?");
  }
  limits() {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }
}

/** { imports: [{module, name, kind, type}], exports: [{name, kind, type}] }; type only for functions. */
export function moduleTypes(bytes) {
  const r = new Reader(new Uint8Array(bytes));
  r.at = 8; // magic and version
  const types = [];
  const functions = []; // type of each function index: imports first, then the module's own
  const imports = [];
  const exports = [];
  while (r.at < r.bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.at + size;
    if (id === 1) {
      for (let n = r.u32(); n > 0; n--) {
        r.byte(); // 0x60: a function type
        const params = r.valueTypes();
        types.push(`${params.join(",")}->${r.valueTypes().join(",")}`);
      }
    } else if (id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        const module = r.name();
        const name = r.name();
        const kind = KINDS[r.byte()];
        let type;
        if (kind === "function") {
          type = types[r.u32()];
          functions.push(type);
        } else if (kind === "table") {
          r.byte();
          r.limits();
        } else if (kind === "memory") {
          r.limits();
        } else {
          r.byte();
          r.byte();
        }
        imports.push({ module, name, kind, type });
      }
    } else if (id === 3) {
      for (let n = r.u32(); n > 0; n--) functions.push(types[r.u32()]);
    } else if (id === 7) {
      for (let n = r.u32(); n > 0; n--) {
        const name = r.name();
        const kind = KINDS[r.byte()];
        const index = r.u32();
        exports.push({ name, kind, type: kind === "function" ? functions[index] : undefined });
      }
    }
    r.at = end;
  }
  return { imports, exports };
}
