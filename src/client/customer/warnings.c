/* warnings: one wording of a customer's warnings for every screen, so a
 * cautionary contact or a caller with no e-mail reads the same on the
 * record, the triage, the case, the call-back and the wrap-up. */
#include "client/customer/warnings.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "client/core/app.h"
#include "client/core/view.h"
#include "common/buf.h"
#include "common/jsonx.h"

static const char NO_EMAIL[] =
    "!  NO E-MAIL (digitally excluded): offer phone, letter, face to face";

static char *Warnings_dup(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *Warnings_dup(const char *fmt, ...)
{
    Buf b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    Buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return Buf_steal(&b);
}

/* A flag is {"code", "label", ...} on a record, or just its code in a
 * search row. */
static void Warnings_flag_name(const json_t *f, char *out, size_t cap)
{
    const char *code = json_is_string(f) ? json_string_value(f) : Jsonx_str(f, "code", "");
    snprintf(out, cap, "%s", Jsonx_str(f, "label", Screen_value_label(app.customer_screen, code)));
    for (char *p = out; *p; p++)
        *p = *p == '_' ? ' ' : (char)toupper((unsigned char)*p);
}

bool Warnings_no_email(const json_t *customer)
{
    const char *email = Jsonx_str(customer, "email", NULL);
    bool has = Jsonx_bool(customer, "has_email", email && email[0]);   /* has_email: a search row */
    return json_is_object(customer) && Jsonx_bool(customer, "digitally_excluded", !has);
}

static long long Warnings_recent(const json_t *customer)
{
    return Jsonx_int(customer, "contacts_last_7_days", 0);
}

size_t Warnings_max(const json_t *customer)
{
    return json_array_size(json_object_get(customer, "flags")) + 2;
}

/* A repeat caller is one who was in touch before in the last 7 days:
 * this call is at least their second. */
size_t Warnings_lines(const json_t *customer, bool revealed, char **out, size_t max)
{
    size_t n = 0;
    json_t *flags = json_object_get(customer, "flags");
    for (size_t i = 0; i < json_array_size(flags) && n < max; i++) {
        const json_t *f = json_array_get(flags, i);
        char name[128];
        Warnings_flag_name(f, name, sizeof name);
        bool hide = Jsonx_bool(f, "restricted", false) && !revealed;
        const char *detail = Jsonx_str(f, "detail", "");
        out[n++] = Warnings_dup("!! %s%s%s", name, hide || detail[0] ? ": " : "",
                               hide ? "details restricted" : detail);
    }
    long long recent = Warnings_recent(customer);
    if (recent >= 1 && n < max)
        out[n++] = Warnings_dup("!! REPEAT CALLER: contacted %lld time%s in the last 7 days",
                                recent, recent == 1 ? "" : "s");
    if (Warnings_no_email(customer) && n < max)
        out[n++] = Warnings_dup("%s", NO_EMAIL);
    return n;
}

void Warnings_summary(const json_t *customer, char *out, size_t cap)
{
    Buf b = BUF_INIT;
    json_t *flags = json_object_get(customer, "flags");
    for (size_t i = 0; i < json_array_size(flags); i++) {
        char name[128];
        Warnings_flag_name(json_array_get(flags, i), name, sizeof name);
        Buf_printf(&b, "%s%s", b.len ? " \u00b7 " : "", name);
    }
    if (Warnings_no_email(customer))
        Buf_printf(&b, "%sNO E-MAIL", b.len ? " \u00b7 " : "");
    long long recent = Warnings_recent(customer);
    if (recent >= 1)
        Buf_printf(&b, "%sREPEAT CALLER (%lld in 7 days)", b.len ? " \u00b7 " : "", recent);
    snprintf(out, cap, "%s%s", b.len ? "!! " : "", b.len ? b.data : "");
    Buf_free(&b);
}

const json_t *Warnings_record(const char *customer_id)
{
    for (View *v = View_top(); v && customer_id && customer_id[0]; v = v->below) {
        const json_t *rec = View_record(v);
        if (rec && strcmp(Jsonx_str(rec, "id", ""), customer_id) == 0)
            return rec;
    }
    return NULL;
}
