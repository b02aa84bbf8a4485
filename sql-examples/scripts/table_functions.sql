-- A table function (guests/assemblyscript/words.ts, built by build.sh into as_words.wasm): it emits
-- one row ("position", word) per word of its argument. POSITION is a reserved word, hence the quotes.

CREATE FUNCTION split_words(phrase VARCHAR) RETURNS TABLE ("position" INT, word VARCHAR)
  LANGUAGE WASM DETERMINISTIC
  COMMENT 'one row per whitespace-separated word, numbered from 1'
  FROM FILE 'as_words.wasm';

SELECT * FROM TABLE(split_words('the quick  brown fox'));

-- CALL returns the same rows.
CALL split_words('Grüße aus Köln');

-- Joined with a table: the words of a sentence that the glossary explains, in order.
CREATE TABLE glossary (term VARCHAR(20) PRIMARY KEY, meaning VARCHAR(60));

INSERT INTO glossary VALUES
  ('wasm', 'WebAssembly, a portable binary format'),
  ('jdbc', 'the Java database API'),
  ('sql', 'the query language');

SELECT w."position", w.word, g.meaning
FROM TABLE(split_words('Calx runs wasm next to your sql over jdbc')) AS w
JOIN glossary g ON g.term = w.word
ORDER BY w."position";

-- Like any table, its rows can be counted, grouped and aggregated.
SELECT COUNT(*) AS words, MAX(CHAR_LENGTH(word)) AS longest
FROM TABLE(split_words('to be or not to be'));

SELECT name, kind, return_type, result_columns, sql_data_access FROM sys.procedures;
