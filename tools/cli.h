/*
 * cli.h - kpic's command line: which command, its options, its help.
 *
 * Each command takes the options of its own table (cmd_NAME_options[] in
 * tools/cmd_NAME.c; tools/options.def says what each option is); an option
 * of another command is refused with a message naming both.
 */
#ifndef KPIC_CLI_H
#define KPIC_CLI_H

#include "cmd_common.h"

#include <stdio.h>

/* Where the command is in argv: the first argument that is neither an
 * option nor the argument of one (options may come before the command, as
 * in `kpic --time-report pdf ...`); 0 when there is none. */
int cli_command_index(int argc, char **argv);

/* Parses every argument but argv[ci], the command c, into *o and the
 * diagnostics' settings *d: 0; 1 when --help was asked; 2 after a usage
 * error, said on stderr.  o->files is allocated in any case: free it. */
int cli_parse(const struct command *c, int argc, char **argv, int ci, struct opts *o, struct diag_ctx *d);

/* `kpic --help`: every command with its own options, then the options every
 * command that reads sources takes. */
void cli_help(FILE *f);
/* `kpic COMMAND --help`: its usage, what it does and every option it takes. */
void cli_help_command(const struct command *c, FILE *f);

#endif
