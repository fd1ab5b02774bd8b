/* user_cmd: `frontdoord user ...`, managing staff accounts and team
 * membership from the shell (the same rules as the admin API). */
#ifndef FD_USER_CMD_H
#define FD_USER_CMD_H

int User_cmd_main(int argc, char **argv);

#endif
