-- A stored procedure that runs SQL (docs/tutorial-procedure.md): guests/c/transfer.c, built by
-- build.sh into c_transfer.wasm. MODIFIES SQL DATA: it reads and changes the table accounts, on the
-- caller's connection and in the caller's transaction. When it fails, what it changed is undone.

CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(40), balance BIGINT NOT NULL);

INSERT INTO accounts VALUES (1, 'Ada', 100), (2, 'Grace', 50);

CREATE PROCEDURE transfer(from_id INT, to_id INT, amount BIGINT)
  LANGUAGE WASM MODIFIES SQL DATA
  COMMENT 'moves amount from one account to another, or fails with 45000 and changes nothing'
  FROM FILE 'c_transfer.wasm';

-- A procedure without RETURNS: CALL reports how many rows its SQL changed.
CALL transfer(1, 2, 30);

SELECT id, owner, balance FROM accounts ORDER BY id;

-- It refuses to overdraw an account ...
CALL transfer(2, 1, 500);

-- ... and a transfer to an account that does not exist fails after its debit: the debit is undone.
CALL transfer(1, 3, 10);

SELECT id, owner, balance FROM accounts ORDER BY id;

-- In a transaction, a failed CALL undoes its own writes only, and the transaction stays open.
START TRANSACTION;

INSERT INTO accounts VALUES (3, 'Linus', 0);

CALL transfer(1, 3, 20);

CALL transfer(3, 2, 50);

COMMIT;

SELECT id, owner, balance FROM accounts ORDER BY id;

SELECT SUM(balance) AS total FROM accounts;

-- A routine that modifies SQL data runs by CALL only, never inside a query.
SELECT transfer(1, 2, 5) FROM accounts;

SELECT name, kind, parameter_names, parameter_types, return_type, sql_data_access
FROM sys.procedures;
