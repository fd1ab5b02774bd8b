/* bare: the yardstick for the client's start-up benchmark. It links the
 * same libraries as frontdoor, sets up curses and a curl multi handle,
 * draws one line and waits for a key. */
#include <curl/curl.h>
#include <curses.h>
#include <jansson.h>
#include <libsecret/secret.h>
#include <locale.h>
#include <readline/readline.h>

int main(void)
{
    setlocale(LC_ALL, "");
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM *multi = curl_multi_init();
    json_t *j = json_object();
    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    mvaddstr(0, 0, "bare: one line");
    refresh();
    getch();
    endwin();
    json_decref(j);
    curl_multi_cleanup(multi);
    curl_global_cleanup();
    /* Keep the other libraries linked in, as the client has them. */
    return rl_readline_version == 0 && secret_get_schema(SECRET_SCHEMA_TYPE_NOTE) == NULL;
}
