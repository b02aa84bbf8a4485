// host-stub.mjs — a stand-in for Calx's host API v1 (the `calx` imports, docs/abi.md) in Node.js, so
// that verify.mjs can run the guests that use it without the engine. It follows the contract where the
// contract is clear and makes a plain choice where the engine's is not known:
//   - what the guest passes is checked: a pointer or length outside memory, text that is not UTF-8
//     (except a parameter: those bytes bind as VARBINARY), an unknown or closed handle, parameter 0,
//     a column outside the table or no current row: the call fails with 39000 at once;
//   - SQL failures are a negative result and a `SQLSTATE: message` for calx.error: a write from a
//     READS SQL DATA routine 38002; DDL, COMMIT, ROLLBACK ... 38003; the 65th open statement 54000
//     (the stub's choice); what the stub database refuses, with its own state;
//   - calx.raise fails the call with its SQLSTATE (pointer 0: 45000; class 00 is refused: 39000);
//   - emit_row returns -1 once the row cap is reached and the call then fails with 54000; a guest that
//     emits again after that -1 is stopped at once (the stub's choice: an engine that only reports
//     the cap stops such a guest at its time limit instead);
//   - nested calls (a routine whose SQL calls a routine) run on another instance, at most 16 deep: the
//     17th fails with 54001;
//   - a failed call's writes are undone (the stub database goes back to a snapshot).
// It is no SQL engine: a StubDatabase answers the statements a test registers, by exact text.

/** SPEC's host API v1: each import's wasm type. */
export const HOST_API = {
  prepare: "i32,i32->i32",
  bind_null: "i32,i32->i32",
  bind_i32: "i32,i32,i32->i32",
  bind_i64: "i32,i32,i64->i32",
  bind_f64: "i32,i32,f64->i32",
  bind_text: "i32,i32,i32,i32->i32",
  execute: "i32->i64",
  next: "i32->i32",
  column_null: "i32,i32->i32",
  column_i32: "i32,i32->i32",
  column_i64: "i32,i32->i64",
  column_f64: "i32,i32->f64",
  column_text: "i32,i32,i32,i32->i32",
  close: "i32->i32",
  error: "i32,i32->i32",
  raise: "i32,i32,i32->",
  emit_null: "i32->",
  emit_i32: "i32,i32->",
  emit_i64: "i32,i64->",
  emit_f64: "i32,f64->",
  emit_text: "i32,i32,i32->",
  emit_row: "->i32",
  log: "i32,i32,i32->",
};

const SQL_IMPORTS = Object.keys(HOST_API).slice(0, Object.keys(HOST_API).indexOf("raise"));
const ROW_IMPORTS = Object.keys(HOST_API).filter((name) => name.startsWith("emit_"));

/**
 * The `calx` imports a routine is granted (SPEC §2): raise and log always, emit_* to a RETURNS TABLE
 * routine, the SQL imports to READS / MODIFIES SQL DATA.
 */
export function grantedImports({ access = "none", table = false }) {
  return new Set(["raise", "log", ...(table ? ROW_IMPORTS : []), ...(access === "none" ? [] : SQL_IMPORTS)]);
}

/** A failed call: the SQLSTATE and message the caller would see. */
export class CallFailed extends Error {
  constructor(state, reason) {
    super(`${state}: ${reason}`);
    this.state = state;
    this.reason = reason;
  }
}

/**
 * The tables a test's statements work on, and the statements themselves: `on(sql, run)` registers a
 * statement by its exact text; run(params, data) returns { rows: [[...]] } for a query or
 * { changed: n } for a write, or throws CallFailed.
 */
export class StubDatabase {
  constructor(data = {}) {
    this.data = data;
    this.statements = new Map();
  }
  on(sql, run) {
    this.statements.set(sql, run);
    return this;
  }
  snapshot() {
    return structuredClone(this.data);
  }
  restore(snapshot) {
    this.data = snapshot;
  }
}

/** How the stand-in classifies a statement by its first word. */
function kindOf(sql) {
  const first = sql.trim().split(/\s+/, 1)[0].toUpperCase();
  if (["SELECT", "VALUES", "WITH"].includes(first)) return "read";
  if (["INSERT", "UPDATE", "DELETE", "MERGE"].includes(first)) return "write";
  if (["CREATE", "DROP", "ALTER", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "START", "SET", "GRANT"].includes(first)) {
    return "forbidden";
  }
  return "unknown";
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The host side of one routine: `imports(instance)` gives an instance its `calx` imports, and
 * `run(instance, call)` runs one call of it, as the engine would, with per-call handles and rows.
 *
 * options: access ("none" | "reads" | "modifies"), columns (the RETURNS TABLE column types, "i32" |
 * "i64" | "f64" | "text"; absent for other routines), database (a StubDatabase), rowCap, maxOpen,
 * maxDepth.
 */
export class StubHost {
  constructor({ access = "none", columns = null, database = new StubDatabase(), rowCap = 1_000_000, maxOpen = 64, maxDepth = 16 }) {
    Object.assign(this, { access, columns, database, rowCap, maxOpen, maxDepth });
    this.frames = []; // one per running call, innermost last
    this.lastCall = null; // what the last finished call left: { rows, changed, logs, leftOpen, refused }
  }

  get frame() {
    return this.frames[this.frames.length - 1];
  }

  /** Runs `call()` as one routine call; its value, the rows it emitted, the rows its SQL changed. */
  run(call) {
    if (this.frames.length >= this.maxDepth) {
      throw new CallFailed("54001", `routines nested deeper than ${this.maxDepth}`);
    }
    const frame = {
      handles: new Map(), nextHandle: 1, lastError: "", rows: [], row: null, refused: 0, changed: 0, logs: [],
      snapshot: this.database.snapshot(),
    };
    this.frames.push(frame);
    try {
      const value = call();
      if (frame.refused > 0) throw new CallFailed("54000", `the call emitted more than ${this.rowCap} rows`);
      return { value, rows: frame.rows, changed: frame.changed };
    } catch (e) {
      this.database.restore(frame.snapshot);
      throw e instanceof WebAssembly.RuntimeError ? new CallFailed("38000", `trapped: ${e.message}`) : e;
    } finally {
      this.frames.pop();
      this.lastCall = {
        rows: frame.rows, changed: frame.changed, logs: frame.logs, leftOpen: frame.handles.size, refused: frame.refused,
      };
    }
  }

  /** The `calx` import object for an instance whose exports `holder.exports` will hold. */
  imports(holder) {
    const memory = () => holder.exports.memory.buffer;
    const broken = (what) => {
      throw new CallFailed("39000", what);
    };
    const region = (ptr, len, what) => {
      const start = ptr >>> 0;
      if (len < 0 || start + len > memory().byteLength) broken(`${what} (${start}, ${len}) is outside guest memory`);
      return new Uint8Array(memory(), start, len);
    };
    const text = (ptr, len, what) => {
      try {
        return strictUtf8.decode(region(ptr, len, what).slice());
      } catch (e) {
        if (e instanceof CallFailed) throw e;
        return broken(`${what} is not valid UTF-8`);
      }
    };
    const copyOut = (bytes, buf, cap, what) => {
      region(buf, cap, what).set(bytes.subarray(0, Math.min(cap, bytes.length)));
      return bytes.length;
    };
    const statement = (h) => this.frame.handles.get(h) ?? broken(`statement handle ${h} is not open in this call`);
    // A failure the guest may handle: a negative result, and the text calx.error reports.
    const fail = (state, message) => {
      this.frame.lastError = `${state}: ${message}`;
      return -1;
    };
    const bind = (h, idx, value) => {
      const s = statement(h);
      if (idx < 1) broken(`parameter ${idx}: parameters count from 1`);
      if (idx > s.parameters) return fail("07009", `parameter ${idx} of ${s.parameters}`);
      s.params[idx - 1] = value;
      return 0;
    };
    const current = (h, col) => {
      const s = statement(h);
      if (!s.row) broken(`statement ${h} has no current row`);
      if (col < 1 || col > s.row.length) broken(`column ${col} of ${s.row.length}`);
      return s.row[col - 1];
    };
    const emit = (col, value) => {
      const f = this.frame;
      if (col < 1 || col > this.columns.length) broken(`column ${col} of a table of ${this.columns.length}`);
      f.row ??= new Array(this.columns.length).fill(null);
      f.row[col - 1] = value;
    };
    const calx = {
      prepare: (ptr, len) => {
        const sql = text(ptr, len, "statement text");
        if (this.frame.handles.size >= this.maxOpen) return fail("54000", `more than ${this.maxOpen} open statements`);
        if (kindOf(sql) === "unknown") return fail("42601", `syntax error in '${sql}'`);
        const h = this.frame.nextHandle++;
        this.frame.handles.set(h, { sql, params: [], parameters: sql.split("?").length - 1, result: null, row: null });
        return h;
      },
      bind_null: (h, idx) => bind(h, idx, null),
      bind_i32: (h, idx, v) => bind(h, idx, v),
      bind_i64: (h, idx, v) => bind(h, idx, v),
      bind_f64: (h, idx, v) => bind(h, idx, v),
      bind_text: (h, idx, ptr, len) => {
        const bytes = region(ptr, len, "parameter").slice();
        let value;
        try {
          value = strictUtf8.decode(bytes);
        } catch {
          value = bytes; // VARBINARY
        }
        return bind(h, idx, value);
      },
      execute: (h) => {
        const s = statement(h);
        const kind = kindOf(s.sql);
        if (kind === "forbidden") return BigInt(fail("38003", `a routine may not run '${s.sql}'`));
        if (kind === "write" && this.access !== "modifies") {
          return BigInt(fail("38002", `a READS SQL DATA routine may not write: '${s.sql}'`));
        }
        const run = this.database.statements.get(s.sql);
        if (!run) return BigInt(fail("42S02", `the stub database does not know '${s.sql}'`));
        try {
          const result = run(s.params, this.database.data);
          s.result = result.rows ?? [];
          s.row = null;
          this.frame.changed += result.changed ?? 0;
          return BigInt(result.changed ?? 0);
        } catch (e) {
          if (!(e instanceof CallFailed)) throw e;
          return BigInt(fail(e.state, e.reason));
        }
      },
      next: (h) => {
        const s = statement(h);
        if (!s.result) return fail("24000", "the statement has not been executed");
        s.row = s.result.shift() ?? null;
        return s.row ? 1 : 0;
      },
      column_null: (h, col) => (current(h, col) === null ? 1 : 0),
      column_i32: (h, col) => Number(current(h, col)) | 0,
      column_i64: (h, col) => BigInt(current(h, col) ?? 0),
      column_f64: (h, col) => Number(current(h, col)),
      column_text: (h, col, buf, cap) => copyOut(utf8.encode(String(current(h, col) ?? "")), buf, cap, "column buffer"),
      close: (h) => {
        statement(h);
        this.frame.handles.delete(h);
        return 0;
      },
      error: (buf, cap) => copyOut(utf8.encode(this.frame.lastError), buf, cap, "error buffer"),
      raise: (statePtr, msgPtr, len) => {
        const state = statePtr === 0 ? "45000" : text(statePtr, 5, "SQLSTATE");
        if (!/^[0-9A-Z]{5}$/.test(state) || state.startsWith("00")) broken(`'${state}' is not an SQLSTATE of a failure`);
        throw new CallFailed(state, text(msgPtr, len, "message"));
      },
      emit_null: (col) => emit(col, null),
      emit_i32: (col, v) => emit(col, v),
      emit_i64: (col, v) => emit(col, v),
      emit_f64: (col, v) => emit(col, v),
      emit_text: (col, ptr, len) => emit(col, text(ptr, len, "column text")),
      emit_row: () => {
        const f = this.frame;
        if (f.rows.length >= this.rowCap) {
          if (f.refused++ > 0) throw new CallFailed("54000", `the call emitted more than ${this.rowCap} rows`);
          return -1;
        }
        f.rows.push(f.row ?? new Array(this.columns.length).fill(null));
        f.row = null;
        return 0;
      },
      log: (level, ptr, len) => {
        this.frame.logs.push([level, text(ptr, len, "log line")]);
      },
    };
    return { calx };
  }
}
