-- The C tutorial (docs/tutorial-c.md): guests/c/initials.c, built by build.sh into c_initials.wasm.

CREATE FUNCTION initials(name TEXT) RETURNS TEXT
  LANGUAGE WASM DETERMINISTIC
  COMMENT 'first letter of every word'
  FROM FILE 'c_initials.wasm';

CALL initials('Ada King-Lovelace');

CREATE TABLE authors (id INT PRIMARY KEY, name VARCHAR(60));

INSERT INTO authors VALUES
  (1, 'Grace Murray Hopper'), (2, 'émile zola'), (3, 'Jean-Paul Sartre'), (4, 'bell hooks');

SELECT id, name, initials(name) AS short FROM authors ORDER BY id;

-- After editing and recompiling initials.c: replace the function in place, atomically.
CREATE OR REPLACE FUNCTION initials(name TEXT) RETURNS TEXT
  LANGUAGE WASM DETERMINISTIC
  COMMENT 'first letter of every word'
  FROM FILE 'c_initials.wasm';

CALL initials('grace brewster murray hopper');
