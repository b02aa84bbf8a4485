-- Calx in five minutes: a table, a function written in WebAssembly, and a query that uses it.
-- Runs on a fresh database, embedded (jdbc:calx:mem:) or remote (./calx sql -f quickstart.sql).

-- 1. An ordinary table.
CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40), quantity INT, unit_price INT);

INSERT INTO orders VALUES
  (1, 'Ada', 3, 250),
  (2, 'Grace', 10, 120),
  (3, 'Linus', 1, 999),
  (4, 'Barbara', 7, 300);

-- 2. A function. Its body is a WebAssembly module in text format (WAT), so this script needs no
--    files; FROM FILE 'module.wasm' loads a compiled module instead (see scripts/c.sql).
CREATE FUNCTION order_total(quantity INT, unit_price INT) RETURNS INT
  LANGUAGE WASM DETERMINISTIC
  COMMENT 'quantity times unit price, in cents'
  AS '(module
        (func (export "order_total") (param $quantity i32) (param $unit_price i32) (result i32)
          (i32.mul (local.get $quantity) (local.get $unit_price))))';

-- 3. Use it in a query like any built-in function: in the SELECT list, in WHERE, in ORDER BY.
SELECT id, customer, order_total(quantity, unit_price) AS total
FROM orders
WHERE order_total(quantity, unit_price) > 1000
ORDER BY total DESC;

-- 4. Or call it on its own.
CALL order_total(6, 7);
