-- Run through the embedded driver as of commit 4e979c1, whose catalog keeps each definition as
-- columns but has no SQL data access, no RETURNS TABLE and no routine without a value, with the
-- test guests of wasm-udf as module directory, to write the data directory zipped in
-- columns-4e979c1.zip; then Database.close(), which shuts H2 down.
CREATE TABLE readings (id INT, celsius DOUBLE);
INSERT INTO readings VALUES (1, 20.0), (2, 37.5);
CREATE FUNCTION add2(x INT, y INT) RETURNS INT LANGUAGE WASM EXPORT 'add' DETERMINISTIC
COMMENT 'it''s adding'
AS '(module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))';
CREATE PROCEDURE add_limited(INT, INT) RETURNS INT LANGUAGE WASM EXPORT 'add'
WITH (timeout_ms = 250, max_memory_mb = 2)
AS '(module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))';
CREATE FUNCTION upper_c(s VARCHAR(20)) RETURNS VARCHAR(20) LANGUAGE WASM EXPORT 'upper'
FROM FILE 'text.wasm';
CREATE FUNCTION seconds(x INT) RETURNS BIGINT LANGUAGE WASM WITH (imports = 'wasi')
AS '(module
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "seconds") (param i32) (result i64)
    (drop (call $clock (i32.const 0) (i64.const 1) (i32.const 0)))
    (i64.div_u (i64.load (i32.const 0)) (i64.const 1000000000))))';
CREATE FUNCTION "mixed Case"(d DOUBLE, r REAL, b BOOLEAN) RETURNS DOUBLE LANGUAGE WASM
AS '(module (func (export "mixed Case") (param f64 f32 i32) (result f64) local.get 0))';
CREATE FUNCTION version(x INT) RETURNS INT LANGUAGE WASM
AS '(module (func (export "version") (param i32) (result i32) i32.const 1))';
CREATE OR REPLACE FUNCTION version(x INT) RETURNS INT LANGUAGE WASM COMMENT 'v2'
AS '(module (func (export "version") (param i32) (result i32) i32.const 2))';
CREATE FUNCTION gone(x INT) RETURNS INT LANGUAGE WASM
AS '(module (func (export "gone") (param i32) (result i32) local.get 0))';
DROP FUNCTION gone
