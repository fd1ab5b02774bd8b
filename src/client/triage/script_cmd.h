/* script_cmd: the trainers' subcommands, which need no server and no login.
 *
 *   frontdoor script check FILE...   validate triage scripts
 *   frontdoor script try FILE        walk a script in the real triage view;
 *                                    the QuestionnaireResponse goes to stdout
 */
#ifndef FD_SCRIPT_CMD_H
#define FD_SCRIPT_CMD_H

/* argv[0] is "script". Returns the exit status: 0 all good, 1 a script
 * has problems (or cannot be read), 2 a usage error. */
int ScriptCmd_main(int argc, char **argv);

#endif
