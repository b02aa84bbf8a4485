-- WAT examples, written by hand (guests/wat/*.wat, assembled with wabt's wat2wasm).

CREATE FUNCTION gcd(a INT, b INT) RETURNS INT
  LANGUAGE WASM DETERMINISTIC
  FROM FILE 'wat_gcd.wasm';

-- Another export of the same module, under a SQL name of our choosing.
CREATE FUNCTION plus_one(x INT) RETURNS INT
  LANGUAGE WASM DETERMINISTIC
  EXPORT 'add_one'
  FROM FILE 'wat_gcd.wasm';

CREATE FUNCTION upper_ascii(t TEXT) RETURNS TEXT
  LANGUAGE WASM DETERMINISTIC
  FROM FILE 'wat_upper.wasm';

CALL gcd(1071, 462);

CALL plus_one(41);

CALL upper_ascii('hello, wörld');

-- Reduce fractions to lowest terms.
CREATE TABLE fractions (id INT PRIMARY KEY, num INT, den INT);

INSERT INTO fractions VALUES (1, 6, 8), (2, 10, 5), (3, 7, 13), (4, 0, 9), (5, -12, 18);

SELECT id, num, den, num / gcd(num, den) AS n, den / gcd(num, den) AS d
FROM fractions
ORDER BY id;

SELECT upper_ascii(code) AS code, plus_one(id) AS next_id
FROM (VALUES (1, 'abc-123'), (2, 'naïve')) AS t(id, code)
ORDER BY next_id;

-- Functions work in data changes too: UPDATE ... SET and INSERT ... SELECT.
CREATE TABLE codes (id INT PRIMARY KEY, code VARCHAR(20));

INSERT INTO codes VALUES (1, 'abc'), (2, 'x-ray'), (3, 'Zulu');

UPDATE codes SET code = upper_ascii(code) WHERE id < 3;

INSERT INTO codes SELECT plus_one(max(id)), upper_ascii('new') FROM codes;

SELECT id, code FROM codes ORDER BY id;

-- Every function, as the catalog sees it.
SELECT name, kind, parameter_names, parameter_types, return_type, export_name, is_deterministic,
       module_size, timeout_ms, max_memory_mb
FROM sys.procedures
ORDER BY name;

DROP FUNCTION plus_one;

DROP FUNCTION IF EXISTS plus_one;

SELECT name FROM sys.procedures ORDER BY name;
