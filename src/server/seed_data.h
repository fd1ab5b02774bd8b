/* seed_data: the synthetic people behind `frontdoord seed`.
 *
 * Everything here is obviously fake on purpose: fictional towns and
 * streets, postcodes in the area FD (not a real UK postcode area), phone
 * numbers from Ofcom's drama ranges (07700 900xxx, 01632 960xxx) and
 * e-mail addresses at example.org/.com/.net, so a demo database can never
 * be mistaken for, or leak into, a real one. */
#ifndef FD_SEED_DATA_H
#define FD_SEED_DATA_H
#include <stdint.h>

#include "server/store/customers.h"

/* One customer as CustomerIn plus the buffers its strings point into,
 * so a generated customer needs no allocation. */
typedef struct SeedCustomer {
    CustomerIn in;
    char family[80];
    char dob[11];
    char phone[16], mobile[16], email[128];
    char line1[96], line2[48];
    char postcode[2][10];
    char refs[CUSTOMER_MAX_ACCOUNTS][16];
    char since[CUSTOMER_MAX_FLAGS][11];
} SeedCustomer;

/* How many fixed customers there are; they are always inserted first and
 * get ids 1..Seeddata_nfixtures() (tests rely on them). */
int Seeddata_nfixtures(void);
/* Fill out with fixture i (0-based). */
void Seeddata_fixture(int i, SeedCustomer *out);
/* Fill out with the generated customer whose id will be `id`. The result
 * depends only on (seed, id), never on what was generated before, and
 * never repeats a fixture's postcode, phone number, e-mail or name. */
void Seeddata_customer(uint64_t seed, long long id, SeedCustomer *out);
/* The largest id whose references still fit their printed widths
 * (WS + 7 digits); seed refuses more customers than this. */
#define SEEDDATA_MAX_ID 9999999LL

#endif
