-- Transactions: START TRANSACTION ... COMMIT or ROLLBACK, savepoints, and what a failed
-- statement leaves behind. (JDBC clients can also turn auto-commit off instead.)

CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(20), balance INT NOT NULL);

INSERT INTO accounts VALUES (1, 'Ada', 100), (2, 'Grace', 50);

CREATE FUNCTION fee(amount INT) RETURNS INT LANGUAGE WASM
AS '(module (func (export "fee") (param i32) (result i32)
  local.get 0 i32.const 100 i32.div_s i32.const 1 i32.add))';

-- A transfer is two updates that commit together.
START TRANSACTION;

UPDATE accounts SET balance = balance - 30 - fee(30) WHERE id = 1;

UPDATE accounts SET balance = balance + 30 WHERE id = 2;

COMMIT;

SELECT id, owner, balance FROM accounts ORDER BY id;

-- A rollback undoes every change of the transaction, those that call functions too.
START TRANSACTION;

UPDATE accounts SET balance = fee(balance) * 1000;

DELETE FROM accounts WHERE id = 2;

ROLLBACK;

SELECT id, owner, balance FROM accounts ORDER BY id;

-- A savepoint marks a point to roll back to; the transaction goes on from there.
START TRANSACTION;

INSERT INTO accounts VALUES (3, 'Linus', 10);

SAVEPOINT before_bonus;

UPDATE accounts SET balance = balance + 1000 WHERE id = 3;

ROLLBACK TO SAVEPOINT before_bonus;

COMMIT;

SELECT id, owner, balance FROM accounts ORDER BY id;

-- A statement that fails changes nothing, here the first of its three rows neither.
INSERT INTO accounts VALUES (4, 'Barbara', 70), (1, 'Ada again', 0), (5, 'Edsger', 5);

SELECT count(*) AS accounts FROM accounts;
