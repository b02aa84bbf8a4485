/*
 * transfer.c — a stored procedure that runs SQL (docs/tutorial-procedure.md) -> modules/c_transfer.wasm
 *
 * Build (build.sh runs the same command, with -Wall -Wextra -Werror added):
 *   clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--stack-first -Wl,-z,stack-size=65536 \
 *         -o c_transfer.wasm transfer.c
 *
 *   CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(40), balance BIGINT NOT NULL);
 *
 *   CREATE PROCEDURE transfer(from_id INT, to_id INT, amount BIGINT)
 *     LANGUAGE WASM MODIFIES SQL DATA
 *     COMMENT 'moves amount from one account to another, or fails with 45000 and changes nothing'
 *     FROM FILE 'c_transfer.wasm';
 */
#include "calx.h"

/* Fail the call with SQLSTATE 45000 and the message `text` followed by `number`: "no account 7". */
_Noreturn static void refuse(const char *text, int64_t number) {
    char msg[64];
    char *end = calx_put_i64(calx_put_cstr(msg, text), number);
    calx_raise("45000", msg, (int32_t)(end - msg));
}

_Noreturn static void insufficient(int32_t id, int64_t balance, int64_t amount) {
    char msg[128];
    char *end = calx_put_cstr(msg, "insufficient funds: account ");
    end = calx_put_cstr(calx_put_i64(end, id), " has ");
    end = calx_put_cstr(calx_put_i64(end, balance), ", needs ");
    end = calx_put_i64(end, amount);
    calx_raise("45000", msg, (int32_t)(end - msg));
}

/* The balance of account `id`; fails the call if there is no such account. */
static int64_t balance_of(int32_t id) {
    int32_t h = (int32_t)calx_check(calx_prepare_cstr("SELECT balance FROM accounts WHERE id = ?"));
    calx_check(calx_bind_i32(h, 1, id));
    calx_check(calx_execute(h));
    if (!calx_check(calx_next(h))) refuse("no account ", id);
    int64_t balance = calx_column_i64(h, 1);
    calx_close(h);
    return balance;
}

/* Runs `sql` with the parameters (amount, id, amount) it has of them; the number of rows it changed. */
static int64_t update(const char *sql, int32_t params, int64_t amount, int32_t id) {
    int32_t h = (int32_t)calx_check(calx_prepare_cstr(sql));
    calx_check(calx_bind_i64(h, 1, amount));
    calx_check(calx_bind_i32(h, 2, id));
    if (params == 3) calx_check(calx_bind_i64(h, 3, amount));
    int64_t changed = calx_check(calx_execute(h));
    calx_close(h);
    return changed;
}

/* Moves `amount` from account `from_id` to account `to_id`. Every failure raises 45000 and leaves the
 * accounts as they were: Calx undoes whatever the procedure's SQL wrote when the call fails, so the
 * debit below does not outlive a failed credit. */
CALX_EXPORT(transfer)
void transfer(int32_t from_id, int32_t to_id, int64_t amount) {
    if (amount <= 0) refuse("amount must be positive, got ", amount);
    int64_t balance = balance_of(from_id);
    if (balance < amount) insufficient(from_id, balance, amount);
    /* The debit checks the balance again, so a transfer that committed since the SELECT cannot make
     * this one overdraw the account. */
    if (update("UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?", 3, amount,
               from_id) != 1)
        insufficient(from_id, balance_of(from_id), amount);
    if (update("UPDATE accounts SET balance = balance + ? WHERE id = ?", 2, amount, to_id) != 1)
        refuse("no account ", to_id);
}
