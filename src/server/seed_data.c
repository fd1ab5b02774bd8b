#include "server/seed_data.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/text.h"

#define COUNT(a) ((unsigned)(sizeof(a) / sizeof((a)[0])))

/* ---- randomness -------------------------------------------------------
 * splitmix64: tiny, fast and identical on every platform, unlike rand(),
 * so a given --seed gives the same people everywhere. */
typedef struct Rng {
    uint64_t s;
} Rng;

static uint64_t rng_next(Rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* One stream per customer, derived from (seed, id), so customer k is the
 * same person whatever N is and generation could run in any order. */
static Rng rng_for(uint64_t seed, long long id)
{
    Rng r = {seed};
    r.s = rng_next(&r) ^ ((uint64_t)id * 0xD6E8FEB86659FD93ULL);
    rng_next(&r);
    return r;
}

static unsigned rng_below(Rng *r, unsigned n)
{
    return (unsigned)(rng_next(r) % n);
}

/* True with probability per_mille / 1000. */
static bool rng_chance(Rng *r, unsigned per_mille)
{
    return rng_below(r, 1000) < per_mille;
}

#define PICK(r, a) ((a)[rng_below((r), COUNT(a))])

/* ---- word lists -------------------------------------------------------
 * Names mix what a UK council actually hears: Welsh, Irish, Scottish,
 * Polish, South Asian, West African, with the apostrophes, hyphens and
 * accents that break naive search. */
static const char *const given_female[] = {
    "Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Mia", "Poppy",
    "Ella", "Lily", "Evie", "Chloe", "Jessica", "Charlotte", "Margaret", "Susan",
    "Patricia", "Janet", "Karen", "Sarah", "Helen", "Rachel", "Zoë", "Siân",
    "Bronwen", "Ffion", "Cerys", "Rhiannon", "Nia", "Aoife", "Siobhán", "Niamh",
    "Róisín", "Renée", "Chloé", "Agnieszka", "Zofia", "Małgorzata", "Ayesha",
    "Fatima", "Priya", "Aaliyah", "Amara", "Chidinma", "Mei", "Ngozi", "Ewa",
    "Hannah", "Mary-Anne", "Jean", "Joan", "Dorothy", "Irene", "Anne-Marie",
    "Noémie", "Eilidh", "Mairéad", "Gwenllian", "Zainab",
};

static const char *const given_male[] = {
    "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Muhammad",
    "Oscar", "Charlie", "James", "John", "David", "Michael", "Peter", "Paul",
    "Robert", "Stephen", "Andrew", "Mark", "Dafydd", "Rhys", "Gethin", "Iwan",
    "Seán", "Ciarán", "Pádraig", "Éamon", "Oisín", "Łukasz", "Piotr",
    "Krzysztof", "Wojciech", "José", "Jürgen", "François", "André", "Raúl",
    "Imran", "Tariq", "Arjun", "Rajesh", "Kwame", "Chukwuemeka", "Wei",
    "Jean-Luc", "Kai", "Bartłomiej", "Hamish", "Tomás",
};

static const char *const family_names[] = {
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson",
    "Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker",
    "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke",
    "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
    "Morris", "Moore", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
    "Scott", "Phillips", "Watson", "Parker", "Price", "Bennett", "Young",
    "Griffiths", "Mitchell", "Kelly", "Carter", "Bailey", "Collins", "Bell",
    "Murphy", "Miller", "Richards", "Khan", "Marshall", "Simpson", "Ellis",
    "Singh", "Kaur", "Begum", "Ahmed", "Hussain", "Ali", "Llewellyn", "Pritchard",
    "Prosser", "O'Brien", "O'Neill", "O'Connor", "O'Sullivan", "D'Souza",
    "McDonald", "MacLeod", "Smith-Jones", "Lloyd-Williams", "Müller", "Nuñez",
    "García", "Fernández", "Kowalski", "Nowak", "Wiśniewski", "Wójcik",
    "Lewandowski", "Zieliński", "Öztürk", "Nguyen", "Chen", "Okafor",
    "Adeyemi", "Mensah", "Ó Súilleabháin", "de la Cruz", "van der Merwe",
    "Popescu", "Yılmaz", "Ødegaard", "Fraser", "Campbell", "ap Rhys",
};

/* Streets whose names say "this is not a real address". */
static const char *const streets[] = {
    "Example Street", "Sample Road", "Placeholder Lane", "Fixture Close",
    "Mock Terrace", "Dummy Crescent", "Lorem Way", "Ipsum Gardens",
    "Specimen Row", "Prototype Drive", "Template Walk", "Fictional Grove",
    "Demo Parade", "Test Lane", "Stub Mews", "Pretend Place", "Makebelieve Avenue",
    "Imaginary Hill", "Nowhere Road", "Synthetic Square",
};

static const char *const localities[] = {
    "Lower Testbury", "Exampleton Green", "Mockford", "Sampleford Cross",
    "Little Placeholder", "Seafront",
};

/* A town owns a run of FD postcode districts, so town and postcode agree. */
static const struct {
    const char *name;
    unsigned first, last;
} towns[] = {
    {"Testbury", 1, 6},        {"Exampleton", 7, 11},  {"Frontdoor-on-Sea", 12, 15},
    {"Sampleford", 16, 18},    {"Mockington", 19, 21}, {"Placeholder Magna", 22, 24},
};

/* Languages other than English, with how many per thousand customers
 * speak them at home. Welsh speakers are served in Welsh, never through
 * an interpreter, so they never get the needs_interpreter flag. */
static const struct {
    const char *name;
    unsigned per_mille;
} languages[] = {
    {"Welsh", 50},   {"Polish", 20},    {"Urdu", 15},    {"Punjabi", 10},
    {"Bengali", 8},  {"Arabic", 7},     {"Romanian", 6}, {"Portuguese", 5},
    {"Somali", 4},   {"Lithuanian", 4}, {"Gujarati", 4}, {"Cantonese", 3},
    {"Tigrinya", 2}, {"Kurdish", 2},
};

static const char *const access_needs[] = {
    "Large print", "Needs extra time", "Easy read", "Braille",
    "Screen reader user", "Prefers short calls; tires easily",
    "Speak slowly and check understanding",
};

/* A hearing-impaired customer's flag detail and matching access need. */
static const char *const hearing_needs[] = {
    "Uses a hearing loop", "BSL user; book a BSL interpreter",
    "Prefers text relay (18001)", "Lip-reads; use video and face the camera",
};

static const char *const caution_reasons[] = {
    "Verbal abuse towards staff", "Threatening behaviour at reception",
    "Aggressive on the phone; end the call if abuse starts",
    "Two-officer visits only", "Dog on premises; do not enter the garden",
    "Made threats against a named officer",
};

static const char *const vulnerable_details[] = {
    "Lives alone; memory problems", "Recently bereaved",
    "Carer for a disabled partner", "Learning disability; check understanding",
    "Financial hardship; refer to welfare rights", "Housebound",
    "Mental health support; prefers a named officer",
};

static const char *const email_domains[] = {"example.org", "example.com", "example.net"};

/* Postcode inward letters: the UK never uses C I K M O V there. */
static const char inward_letters[] = "ABDEFGHJLNPQRSTUWXYZ";

/* ---- dates --------------------------------------------------------------
 * Days since 1970-01-01 to a civil date (H. Hinnant's algorithm): exact
 * for any day, no time zone, no libc locale. */
static void format_day(long days, char out[11])
{
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    long y = yoe + era * 400 + (m <= 2);
    /* The modulos only tell the compiler the widths; values are in range. */
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

/* Day numbers for the ranges we draw from (days since 1970-01-01). */
#define DAY_1930_01_01 (-14610L)
#define DAY_2006_12_31 13513L
#define DAY_1945_01_01 (-9131L)
#define DAY_1950_01_01 (-7305L)
#define DAY_2018_01_01 17532L
#define DAY_2025_12_31 20453L

static void random_day(Rng *r, long first, long last, char out[11])
{
    format_day(first + (long)rng_below(r, (unsigned)(last - first + 1)), out);
}

/* ---- the fixtures ------------------------------------------------------
 * Known people the API and TUI tests look up by every identifier. They
 * are inserted first (ids 1..3), and generated customers never reuse
 * their postcodes, phone numbers, e-mail addresses or names. */
typedef struct Fixture {
    const char *title, *given, *family, *dob;
    const char *phone, *mobile, *email, *channel, *language, *access;
    const char *line1, *postcode;
    const char *account_type[2], *account_ref[2];
    const char *flag_code, *flag_detail, *flag_since;
} Fixture;

static const Fixture fixtures[] = {
    {"Ms", "Zoë", "O'Brien", "1961-04-09", NULL, "07700 900123", "zoe.obrien@example.org",
     "email", "English", NULL, "1 Example Street", "SW1A 1AA",
     {"council_tax", NULL}, {"CT00000001", NULL},
     "cautionary_contact", "Verbal abuse towards staff, March 2025", "2025-03-01"},
    {"Mr", "Seán", "Smith-Jones", "1975-11-30", "01632 960001", NULL, NULL,
     "letter", "English", NULL, "14 Placeholder Lane", "FD1 1AA",
     {"council_tax", "waste"}, {"CT00000002", "WS0000002"},
     "vulnerable_adult", "Lives alone; memory problems", "2024-06-12"},
    {"Mrs", "Siân", "Llewellyn", "1948-06-21", "01632 960003", NULL, NULL,
     "phone", "Welsh", "Uses a hearing loop", "7 Fixture Close", "FD2 3CD",
     {"council_tax", "blue_badge"}, {"CT00000003", "BB0000003"},
     "hearing_impaired", "Uses a hearing loop", "2023-09-01"},
};

static const char *const reserved_idents[] = {
    "SW1A 1AA", "FD1 1AA", "FD2 3CD", "07700 900123", "01632 960001", "01632 960003",
};

static bool is_reserved(const char *ident)
{
    for (unsigned i = 0; i < COUNT(reserved_idents); i++)
        if (strcmp(ident, reserved_idents[i]) == 0)
            return true;
    return false;
}

static bool is_fixture_name(const char *given, const char *family)
{
    for (unsigned i = 0; i < COUNT(fixtures); i++)
        if (strcmp(given, fixtures[i].given) == 0 && strcmp(family, fixtures[i].family) == 0)
            return true;
    return false;
}

int Seeddata_nfixtures(void)
{
    return (int)COUNT(fixtures);
}

void Seeddata_fixture(int i, SeedCustomer *c)
{
    const Fixture *f = &fixtures[i];
    memset(c, 0, sizeof *c);
    c->in = (CustomerIn){
        .title = f->title, .given_name = f->given, .family_name = f->family,
        .date_of_birth = f->dob, .phone = f->phone, .mobile = f->mobile, .email = f->email,
        .preferred_channel = f->channel, .language = f->language,
        .accessibility_needs = f->access,
    };
    c->in.addresses[0] = (CustomerAddress){"home", f->line1, NULL, "Testbury", f->postcode};
    c->in.naddresses = 1;
    for (int k = 0; k < 2 && f->account_type[k]; k++)
        c->in.accounts[c->in.naccounts++] =
            (CustomerAccount){f->account_type[k], f->account_ref[k], "active"};
    c->in.flags[0] = (CustomerFlag){f->flag_code, f->flag_detail, f->flag_since};
    c->in.nflags = 1;
}

/* ---- one generated customer -------------------------------------------- */

static const char *pick_given(Rng *r, const char **title)
{
    bool female = rng_chance(r, 510);
    unsigned t = rng_below(r, 100);
    if (t == 0)
        *title = "Mx";
    else if (t < 5)
        *title = "Dr";
    else if (!female)
        *title = "Mr";
    else
        *title = t < 45 ? "Mrs" : t < 80 ? "Ms" : "Miss";
    return female ? PICK(r, given_female) : PICK(r, given_male);
}

/* About one in twenty is double-barrelled; only single-word names are
 * joined, so "de la Cruz-Ó Súilleabháin" never appears. */
static void make_family(Rng *r, const char *given, char *out, size_t cap)
{
    do {
        const char *a = PICK(r, family_names);
        const char *b = PICK(r, family_names);
        bool simple = !strpbrk(a, " -") && !strpbrk(b, " -") && a != b;
        if (rng_chance(r, 50) && simple)
            snprintf(out, cap, "%s-%s", a, b);
        else
            snprintf(out, cap, "%s", a);
    } while (is_fixture_name(given, out));
}

static void make_postcode(Rng *r, unsigned district, char out[10])
{
    do {
        snprintf(out, 10, "FD%u %u%c%c", district, rng_below(r, 10),
                 inward_letters[rng_below(r, sizeof inward_letters - 1)],
                 inward_letters[rng_below(r, sizeof inward_letters - 1)]);
    } while (is_reserved(out));
}

static void make_address(Rng *r, SeedCustomer *c)
{
    unsigned t = rng_below(r, COUNT(towns));
    unsigned district = towns[t].first + rng_below(r, towns[t].last - towns[t].first + 1);
    make_postcode(r, district, c->postcode[0]);
    unsigned number = 1 + rng_below(r, 240);
    const char *street = PICK(r, streets);
    if (rng_chance(r, 150))
        snprintf(c->line1, sizeof c->line1, "Flat %u, %u %s", 1 + rng_below(r, 12), number, street);
    else
        snprintf(c->line1, sizeof c->line1, "%u %s", number, street);
    const char *locality = rng_chance(r, 250) ? PICK(r, localities) : NULL;
    c->in.addresses[0] = (CustomerAddress){"home", c->line1, locality, towns[t].name, c->postcode[0]};
    c->in.naddresses = 1;
    /* A few want post elsewhere (landlords, people staying with family). */
    if (rng_chance(r, 30)) {
        unsigned t2 = rng_below(r, COUNT(towns));
        make_postcode(r, towns[t2].first, c->postcode[1]);
        snprintf(c->line2, sizeof c->line2, "PO Box %u", 100 + rng_below(r, 900));
        c->in.addresses[1] =
            (CustomerAddress){"correspondence", c->line2, NULL, towns[t2].name, c->postcode[1]};
        c->in.naddresses = 2;
    }
}

/* A drama-range number ("07700 900" + three digits), skipping the
 * fixtures' numbers so a search for one finds exactly one person. */
static void make_phone(Rng *r, const char *prefix, char out[16])
{
    unsigned n = rng_below(r, 1000);
    for (;;) {
        snprintf(out, 16, "%s%03u", prefix, n);
        if (!is_reserved(out))
            return;
        n = (n + 1) % 1000;
    }
}

/* "Siân Smith-Jones" -> "siansmithjones": what people put in addresses. */
static void fold_compact(const char *name, char *out, size_t cap)
{
    char folded[96];
    Text_fold(name, folded, sizeof folded, FOLD_JOIN_APOSTROPHE | FOLD_JOIN_HYPHEN);
    size_t n = 0;
    for (const char *p = folded; *p && n + 1 < cap; p++)
        if (*p != ' ')
            out[n++] = *p;
    out[n] = '\0';
}

/* The id in the local part keeps every address unique, and no fixture
 * address has digits, so none can be generated again. */
static void make_email(Rng *r, long long id, const char *given, const char *family,
                       char *out, size_t cap)
{
    char g[32], f[48];
    fold_compact(given, g, sizeof g);
    fold_compact(family, f, sizeof f);
    const char *domain = PICK(r, email_domains);
    switch (rng_below(r, 4)) {
    case 0: snprintf(out, cap, "%s.%s%lld@%s", g, f, id, domain); break;
    case 1: snprintf(out, cap, "%s%s%lld@%s", g, f, id, domain); break;
    case 2: snprintf(out, cap, "%c.%s%lld@%s", g[0] ? g[0] : 'x', f, id, domain); break;
    default: snprintf(out, cap, "%s.%s%lld@%s", f, g, id, domain); break;
    }
}

/* Phone first for most people; letter for many of those without e-mail
 * (the digitally excluded), text messages only with a mobile. */
static const char *pick_channel(Rng *r, const SeedCustomer *c)
{
    unsigned roll = rng_below(r, 100);
    if (!c->in.email)
        return roll < 55 ? "phone" : "letter";
    if (roll < 50)
        return "phone";
    if (roll < 85)
        return "email";
    if (roll < 95 && c->in.mobile)
        return "sms";
    return roll < 95 ? "phone" : "letter";
}

static void make_contact(Rng *r, long long id, SeedCustomer *c)
{
    if (rng_chance(r, 700)) {
        make_phone(r, "07700 900", c->mobile);
        c->in.mobile = c->mobile;
    }
    if (rng_chance(r, c->in.mobile ? 350 : 900)) {
        make_phone(r, "01632 960", c->phone);
        c->in.phone = c->phone;
    }
    if (rng_chance(r, 825)) {
        make_email(r, id, c->in.given_name, c->in.family_name, c->email, sizeof c->email);
        c->in.email = c->email;
    }
    c->in.preferred_channel = pick_channel(r, c);
}

static void add_flag(Rng *r, SeedCustomer *c, const char *code, const char *detail)
{
    int i = c->in.nflags++;
    random_day(r, DAY_2018_01_01, DAY_2025_12_31, c->since[i]);
    c->in.flags[i] = (CustomerFlag){code, detail, c->since[i]};
}

static void make_language(Rng *r, SeedCustomer *c)
{
    unsigned roll = rng_below(r, 1000), acc = 0;
    c->in.language = "English";
    for (unsigned i = 0; i < COUNT(languages); i++) {
        acc += languages[i].per_mille;
        if (roll < acc) {
            c->in.language = languages[i].name;
            break;
        }
    }
    const char *lang = c->in.language;
    /* A quarter of those whose first language is neither English nor
     * Welsh need an interpreter: about 2% of all customers. */
    if (strcmp(lang, "English") != 0 && strcmp(lang, "Welsh") != 0 && rng_chance(r, 250)) {
        c->in.interpreter_language = lang;
        add_flag(r, c, "needs_interpreter", lang);
    }
}

static void make_needs(Rng *r, SeedCustomer *c, long born)
{
    if (rng_chance(r, 20)) {
        const char *need = PICK(r, hearing_needs);
        c->in.accessibility_needs = need;
        add_flag(r, c, "hearing_impaired", need);
    } else if (rng_chance(r, 60)) {
        c->in.accessibility_needs = PICK(r, access_needs);
    }
    if (rng_chance(r, 20))
        add_flag(r, c, "cautionary_contact", PICK(r, caution_reasons));
    /* The oldest customers are the likeliest to be vulnerable. */
    if (rng_chance(r, born < DAY_1945_01_01 ? 60 : 25))
        add_flag(r, c, "vulnerable_adult", PICK(r, vulnerable_details));
}

/* References are the customer id in the account's printed width, so they
 * are unique across customers by construction. */
static void add_account(Rng *r, SeedCustomer *c, const char *type, const char *prefix,
                        int width, long long id)
{
    int i = c->in.naccounts++;
    snprintf(c->refs[i], sizeof c->refs[i], "%s%0*lld", prefix, width, id);
    unsigned s = rng_below(r, 100);
    c->in.accounts[i] =
        (CustomerAccount){type, c->refs[i], s < 95 ? "active" : s < 98 ? "closed" : "pending"};
}

static void make_accounts(Rng *r, SeedCustomer *c, long long id, long born)
{
    if (rng_chance(r, 820))
        add_account(r, c, "council_tax", "CT", 8, id);
    if (rng_chance(r, 400))
        add_account(r, c, "waste", "WS", 7, id);
    if (rng_chance(r, 150))
        add_account(r, c, "parking_permit", "PP", 6, id);
    if (rng_chance(r, born < DAY_1950_01_01 ? 120 : 30))
        add_account(r, c, "blue_badge", "BB", 7, id);
}

void Seeddata_customer(uint64_t seed, long long id, SeedCustomer *c)
{
    Rng r = rng_for(seed, id);
    memset(c, 0, sizeof *c);
    const char *title = NULL;
    const char *given = pick_given(&r, &title);
    make_family(&r, given, c->family, sizeof c->family);
    long born = DAY_1930_01_01 + (long)rng_below(&r, DAY_2006_12_31 - DAY_1930_01_01 + 1);
    format_day(born, c->dob);
    c->in.title = title;
    c->in.given_name = given;
    c->in.family_name = c->family;
    c->in.date_of_birth = c->dob;
    make_address(&r, c);
    make_contact(&r, id, c);
    make_language(&r, c);
    make_needs(&r, c, born);
    make_accounts(&r, c, id, born);
}
