-- Statements and the plan cache: statements that differ only in literals share one plan, and
-- sys.statements counts them, as PostgreSQL's pg_stat_statements does.

CREATE TABLE stock (id INT PRIMARY KEY, item VARCHAR(20), quantity INT);

INSERT INTO stock VALUES (1, 'bolt', 40);

INSERT INTO stock VALUES (2, 'nut', 75);

INSERT INTO stock VALUES (3, 'washer', 0);

CREATE FUNCTION restock(quantity INT) RETURNS INT LANGUAGE WASM
AS '(module (func (export "restock") (param i32) (result i32)
  local.get 0 i32.const 50 i32.add))';

SELECT item FROM stock WHERE id = 1;

SELECT item FROM stock WHERE id = 2;

SELECT item FROM stock WHERE id = 3;

CALL restock(5);

CALL restock(12);

UPDATE stock SET quantity = restock(quantity) WHERE quantity < 10;

SELECT query, calls, total_rows, cache_hits, cache_misses
FROM sys.statements
WHERE query NOT LIKE '%SYS%'
ORDER BY query;
