/*
 * redact: reads UTF-8 text on stdin, writes it to stdout with every piece of personal
 * data replaced by its kind ("[EMAIL]", "[PERSON]"...), using caviard's C interface.
 *
 *   cc -std=c99 -Iinclude examples/redact.c -Ltarget/release -lcaviard -o redact
 *   ./redact < letter.txt > letter.redacted.txt
 *
 * Options: -d WORD  also redact WORD as a person's name (repeatable).
 * Exit status: 0 on success, 1 on usage errors, 2 when the input is not UTF-8 or too
 * large (the message on stderr gives the byte offset, never the text).
 */
#include "caviard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *what, cav_result r) {
    char msg[256];
    cav_last_error_message(msg, sizeof msg);
    fprintf(stderr, "redact: %s: %s (%s)\n", what, msg, cav_result_name(r));
    return r == CAV_RESULT_INVALID_UTF8 || r == CAV_RESULT_TOO_LARGE ? 2 : 1;
}

/* Reads all of stdin into a malloc'd buffer; returns NULL on allocation failure. */
static uint8_t *read_all(FILE *in, size_t *len) {
    size_t cap = 1 << 16, n = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, in)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *bigger = realloc(buf, cap * 2);
            if (bigger == NULL) {
                free(buf);
                return NULL;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    *len = n;
    return buf;
}

int main(int argc, char **argv) {
    /* The key only matters for pseudonyms that can be restored; redaction drops the
     * values, so a fixed key is fine here. */
    static const uint8_t key[32] = "redact example: values not kept";
    cav_config *cfg = NULL;
    cav_engine *engine = NULL;
    cav_session *session = NULL;
    cav_string *out = NULL;
    cav_result r;
    uint8_t *text;
    size_t len = 0;
    uint32_t kind;
    int i, status = 0;

    if ((r = cav_config_new(&cfg)) != CAV_RESULT_OK) {
        return fail("configuration", r);
    }
    for (kind = 0; cav_kind_name(kind) != NULL; kind++) {
        cav_config_set_operator(cfg, kind, CAV_OPERATOR_REDACT);
    }
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-d") == 0 && i + 1 < argc) {
            i++;
            r = cav_config_deny(cfg, CAV_KIND_PERSON, (const uint8_t *)argv[i], strlen(argv[i]));
            if (r != CAV_RESULT_OK) {
                cav_config_free(cfg);
                return fail("-d", r);
            }
        } else {
            fprintf(stderr, "usage: redact [-d WORD]... < input > output\n");
            cav_config_free(cfg);
            return 1;
        }
    }
    r = cav_engine_new(cfg, &engine);
    cav_config_free(cfg);
    if (r != CAV_RESULT_OK) {
        return fail("engine", r);
    }
    r = cav_session_new(engine, key, sizeof key, &session);
    cav_engine_free(engine); /* the session keeps what it needs */
    if (r != CAV_RESULT_OK) {
        return fail("session", r);
    }

    text = read_all(stdin, &len);
    if (text == NULL) {
        fprintf(stderr, "redact: out of memory\n");
        cav_session_free(session);
        return 1;
    }
    r = cav_session_pseudonymise(session, text, len, &out);
    if (r != CAV_RESULT_OK) {
        status = fail("input", r);
    } else if (fwrite(cav_string_data(out), 1, cav_string_len(out), stdout) !=
               cav_string_len(out)) {
        fprintf(stderr, "redact: write error\n");
        status = 1;
    }
    cav_string_free(out);
    cav_session_free(session);
    free(text);
    return status;
}
