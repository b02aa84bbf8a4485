-- Every error class the engine reports (SPEC §2), each provoked by a small inline WAT module.
-- Each failure is a java.sql.SQLException with the SQLSTATE shown after ERROR; the database goes on
-- serving, and a failed CREATE leaves nothing in the catalog.

-- 46000: the module is malformed or invalid ...
CREATE FUNCTION broken() RETURNS INT LANGUAGE WASM AS '(module (func (export "broken") (result i32)';

CREATE FUNCTION ill_typed() RETURNS INT LANGUAGE WASM
  AS '(module (func (export "ill_typed") (result i32) i64.const 1))';

-- ... or lacks the export ...
CREATE FUNCTION missing() RETURNS INT LANGUAGE WASM
  AS '(module (func (export "something_else") (result i32) i32.const 1))';

-- ... or uses TEXT without exporting memory and alloc ...
CREATE FUNCTION no_alloc(t TEXT) RETURNS INT LANGUAGE WASM
  AS '(module (func (export "no_alloc") (param i32 i32) (result i32) local.get 1))';

-- ... or imports something that was not granted.
CREATE FUNCTION wants_import() RETURNS DOUBLE LANGUAGE WASM
  AS '(module
        (import "env" "seed" (func $seed (result f64)))
        (func (export "wants_import") (result f64) call $seed))';

-- 46007: the declared signature does not fit the export (two INT parameters, the export takes one).
CREATE FUNCTION add(a INT, b INT) RETURNS INT LANGUAGE WASM
  AS '(module (func (export "add") (param i32) (result i32) local.get 0))';

-- 42710: the name exists already.
CREATE FUNCTION ratio(a INT, b INT) RETURNS INT LANGUAGE WASM DETERMINISTIC
  AS '(module (func (export "ratio") (param i32 i32) (result i32)
        (i32.div_s (local.get 0) (local.get 1))))';

CREATE FUNCTION ratio(a INT, b INT) RETURNS INT LANGUAGE WASM
  AS '(module (func (export "ratio") (param i32 i32) (result i32) local.get 0))';

-- (IF NOT EXISTS keeps the existing one; OR REPLACE would replace it.)
CREATE FUNCTION IF NOT EXISTS ratio(a INT, b INT) RETURNS INT LANGUAGE WASM
  AS '(module (func (export "ratio") (param i32 i32) (result i32) local.get 0))';

-- 42704: DROP of a name that does not exist.
DROP FUNCTION no_such_function;

DROP FUNCTION IF EXISTS no_such_function;

-- 38000: the guest trapped: integer division by zero ...
CALL ratio(7, 0);

-- ... also inside a query, where the message names the arguments of the failing row.
CREATE TABLE readings (id INT PRIMARY KEY, total INT, parts INT);

INSERT INTO readings VALUES (1, 10, 2), (2, 9, 0), (3, 8, 4);

SELECT id, ratio(total, parts) AS r FROM readings ORDER BY id;

-- ... or executed unreachable (what a C abort or a Rust panic compiles to).
CREATE FUNCTION always_fails(x INT) RETURNS INT LANGUAGE WASM
  AS '(module (func (export "always_fails") (param i32) (result i32) unreachable))';

CALL always_fails(1);

-- The failing calls left nothing behind: the same function serves the next call.
CALL ratio(7, 2);

-- 39000: the guest broke the ABI: a TEXT result pointing outside its memory ...
CREATE FUNCTION bad_pointer(t TEXT) RETURNS TEXT LANGUAGE WASM
  AS '(module
        (memory (export "memory") 1)
        (func (export "alloc") (param i32) (result i32) i32.const 1024)
        (func (export "bad_pointer") (param i32 i32) (result i64)
          i64.const 0x7fff000000000010))';

CALL bad_pointer('x');

-- ... or bytes that are not UTF-8 (0xFF never occurs in UTF-8).
CREATE FUNCTION bad_utf8(t TEXT) RETURNS TEXT LANGUAGE WASM
  AS '(module
        (memory (export "memory") 1)
        (data (i32.const 16) "\ff\fe")
        (func (export "alloc") (param i32) (result i32) i32.const 1024)
        (func (export "bad_utf8") (param i32 i32) (result i64)
          i64.const 0x0000001000000002))';

CALL bad_utf8('x');

-- 57014: the call ran past its time limit (here 200 ms instead of the default 5 s).
CREATE FUNCTION spin(x INT) RETURNS INT LANGUAGE WASM
  WITH (timeout_ms = 200)
  AS '(module (func (export "spin") (param i32) (result i32) (loop $forever (br $forever)) i32.const 0))';

CALL spin(1);

-- 54000: the guest needed more memory than its limit (1 MiB = 16 pages of 64 KiB here; default
-- 16 MiB). Like an allocator serving many small requests, it grows memory page by page and traps
-- when memory.grow fails.
CREATE FUNCTION hog(pages INT) RETURNS INT LANGUAGE WASM
  WITH (max_memory_mb = 1)
  AS '(module
        (memory 1)
        (func (export "hog") (param $pages i32) (result i32)
          (loop $more
            (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable))
            (br_if $more (i32.lt_u (memory.size) (local.get $pages))))
          memory.size))';

CALL hog(4);

CALL hog(100);

-- 22003: an INT function whose i64 result does not fit in INT.
CREATE FUNCTION too_big() RETURNS INT LANGUAGE WASM
  AS '(module (func (export "too_big") (result i64) i64.const 4294967296))';

CALL too_big();

-- Beyond SPEC §2's table: a WITH option outside the server's caps (22023) ...
CREATE FUNCTION patient(x INT) RETURNS INT LANGUAGE WASM
  WITH (timeout_ms = 600000)
  AS '(module (func (export "patient") (param i32) (result i32) local.get 0))';

-- ... and a call of a function that does not exist (42883).
CALL no_such_function(1);

-- Only the functions whose CREATE succeeded are in the catalog.
SELECT name, kind, timeout_ms, max_memory_mb FROM sys.procedures ORDER BY name;

SELECT name, calls, errors, timeouts FROM sys.procedure_stats ORDER BY name;
