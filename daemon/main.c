/* main.c: tcttd's command line. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "clock.h"
#include "config.h"
#include "dates.h"
#include "extract.h"
#include "log.h"
#include "report.h"
#include "tcttd.h"
#include "version.h"

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: tcttd -c FILE                      run as a daemon, in the foreground\n"
	    "       tcttd -c FILE --once [--unit ID]   one full pass (all units, or one), then exit\n"
	    "       tcttd -c FILE --remind [--dry-run] one reminder round now\n"
	    "       tcttd -c FILE --digest [--dry-run] build and send this week's digest now\n"
	    "       tcttd -c FILE --report YEAR [-o FILE.docx]   the yearly report (.docx; stdout without -o)\n"
	    "       tcttd -c FILE --check              check the configuration and exit\n"
	    "options: -v/--verbose (debug logs), -h/--help, -V/--version\n");
}

/* The YEAR of --report: a year that has begun, from REPORT_YEAR_MIN; 0 (after saying why) if not. */
static int
report_year_arg(const char *s)
{
	int today = date_of_time(clock_now()), year = 0;
	size_t i;

	for (i = 0; s[i] >= '0' && s[i] <= '9' && i < 4; i++)
		year = year * 10 + (s[i] - '0');
	if (i != 4 || s[i] != '\0' || year < REPORT_YEAR_MIN) {
		fprintf(stderr, "tcttd: --report '%s': expected a year (e.g. 2026)\n", s);
		return 0;
	}
	if (year > today / 10000) {
		fprintf(stderr, "tcttd: --report %d: that year has not begun\n", year);
		return 0;
	}
	return year;
}

int
main(int argc, char **argv)
{
	enum { OPT_ONCE = 256, OPT_UNIT, OPT_REMIND, OPT_DIGEST, OPT_DRY_RUN, OPT_CHECK,
	    OPT_REPORT };
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "once", no_argument, NULL, OPT_ONCE },
		{ "unit", required_argument, NULL, OPT_UNIT },
		{ "remind", no_argument, NULL, OPT_REMIND },
		{ "digest", no_argument, NULL, OPT_DIGEST },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "report", required_argument, NULL, OPT_REPORT },
		{ "output", required_argument, NULL, 'o' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = NULL, *unit = NULL, *output = NULL, *year_arg = NULL;
	int mode = 0, ch, rc, year = 0;
	bool dry_run = false;
	struct config *cfg;
	char *cause;

	log_set_name("tcttd");
	while ((ch = getopt_long(argc, argv, "c:o:vhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case OPT_ONCE:
		case OPT_REMIND:
		case OPT_DIGEST:
		case OPT_CHECK:
		case OPT_REPORT:
			if (mode != 0 && mode != ch) {
				fprintf(stderr, "tcttd: --once, --remind, --digest, "
				    "--report and --check exclude each other\n");
				return 2;
			}
			mode = ch;
			if (ch == OPT_REPORT)
				year_arg = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case OPT_UNIT:
			unit = optarg;
			break;
		case OPT_DRY_RUN:
			dry_run = true;
			break;
		case 'v':
			log_set_level(7);
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("tcttd %s\n", TCTT_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "tcttd: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	if (path == NULL) {
		fprintf(stderr, "tcttd: -c FILE is required\n");
		usage(stderr);
		return 2;
	}
	if (unit != NULL && mode != OPT_ONCE) {
		fprintf(stderr, "tcttd: --unit goes with --once\n");
		return 2;
	}
	if (dry_run && mode != OPT_REMIND && mode != OPT_DIGEST) {
		fprintf(stderr, "tcttd: --dry-run goes with --remind or --digest\n");
		return 2;
	}
	if (output != NULL && mode != OPT_REPORT) {
		fprintf(stderr, "tcttd: -o goes with --report\n");
		return 2;
	}
	clock_init_tz();
	if (mode == OPT_REPORT && (year = report_year_arg(year_arg)) == 0)
		return 2;
	if (config_load(path, &cfg, &cause) == -1) {
		/* At error priority: `journalctl -p err` must show why it did not start. */
		log_errx_lines(cause);
		free(cause);
		return 2;
	}
	if (unit != NULL && config_unit(cfg, unit) == NULL) {
		fprintf(stderr, "tcttd: %s: no unit '%s'\n", path, unit);
		config_free(cfg);
		return 2;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		config_free(cfg);
		fatalx("cannot initialise libcurl");
	}
	switch (mode) {
	case OPT_CHECK:
		printf("%s: configuration OK, %zu units\n", path, cfg->n_units);
		rc = 0;
		break;
	case OPT_ONCE:
		rc = tcttd_once(cfg, unit);
		break;
	case OPT_REMIND:
		rc = tcttd_remind(cfg, dry_run);
		break;
	case OPT_DIGEST:
		rc = tcttd_digest(cfg, dry_run);
		break;
	case OPT_REPORT:
		rc = tcttd_report(cfg, year, output);
		break;
	default:
		rc = tcttd_serve(path, cfg);
		cfg = NULL;	/* owned by the loop, which may reload it */
		break;
	}
	config_free(cfg);
	extract_thread_end();	/* the parser context of pages extracted on this thread */
	curl_global_cleanup();
	return rc;
}
