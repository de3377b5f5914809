/*
 * cmd_rules.c - kpic rules: the diagnostic rules with their default severity.
 */
#include "cmd_common.h"

/* The options kpic rules takes (tools/options.def). */
const enum opt_id cmd_rules_options[] = {
	OPT_HELP, OPT_END
};

int cmd_rules(const struct opts *o, struct schema *sc, struct diag_ctx *d)
{
	(void)o;
	(void)sc;
	(void)d;
	struct buf b = BUF_INIT;
	for (int r = 0; r < R__COUNT; r++) {
		buf_pad(&b, diag_rule_name((enum rule)r), 30, 0);
		buf_pad(&b, diag_rule_severity((enum rule)r) == SEV_ERROR ? "error" : "warning", 9, 0);
		buf_printf(&b, "%s\n", diag_rule_summary((enum rule)r));   /* translated; name and severity never */
	}
	fputs(buf_str(&b), stdout);
	buf_free(&b);
	return 0;
}
