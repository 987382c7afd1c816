/* main.c: tctt-dashboard's command line. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "dashboard.h"
#include "export.h"
#include "log.h"
#include "store.h"
#include "version.h"

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: tctt-dashboard -c FILE [--listen ADDR:PORT]   serve (default from the\n"
	    "                                                     configuration, 127.0.0.1:8080)\n"
	    "       tctt-dashboard -c FILE --export json|csv|xlsx print the current results, exit\n"
	    "options: -v/--verbose (log each request), -h/--help, -V/--version\n");
}

/* Print the export of the database to stdout; exit status. */
static int
export(const struct config *cfg, const char *format)
{
	struct unit_state *units;
	struct store *st;
	size_t n;
	char *cause, *out;

	if (store_open(cfg->database, STORE_READONLY, &st, &cause) == -1) {
		log_errx("%s", cause);
		free(cause);
		return 1;
	}
	if (store_units(st, false, &units, &n, &cause) == -1) {
		log_errx("%s", cause);
		free(cause);
		store_close(st);
		return 1;
	}
	if (strcmp(format, "xlsx") == 0) {
		struct buf b = { 0 };

		if (export_xlsx(units, n, cfg->criteria, clock_now(), &b, &cause) == -1) {
			log_errx("%s", cause);
			free(cause);
			unit_states_free(units, n);
			store_close(st);
			return 1;
		}
		fwrite(b.data, 1, b.len, stdout);
		buf_free(&b);
	} else {
		out = strcmp(format, "json") == 0 ? export_json(units, n, clock_now()) :
		    export_csv(units, n);
		fputs(out, stdout);
		free(out);
	}
	unit_states_free(units, n);
	store_close(st);
	return fflush(stdout) == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	enum { OPT_LISTEN = 256, OPT_EXPORT };
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "listen", required_argument, NULL, OPT_LISTEN },
		{ "export", required_argument, NULL, OPT_EXPORT },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = NULL, *listen = NULL, *format = NULL;
	struct config *cfg;
	char *cause;
	int ch, rc;

	log_set_name("tctt-dashboard");
	while ((ch = getopt_long(argc, argv, "c:hvV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case OPT_LISTEN:
			listen = optarg;
			break;
		case OPT_EXPORT:
			format = optarg;
			if (strcmp(format, "json") != 0 && strcmp(format, "csv") != 0 &&
			    strcmp(format, "xlsx") != 0) {
				fprintf(stderr, "tctt-dashboard: --export takes json, "
				    "csv or xlsx, not '%s'\n", format);
				return 2;
			}
			break;
		case 'v':
			log_set_level(LOG_DEBUG);
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("tctt-dashboard %s\n", TCTT_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "tctt-dashboard: unexpected argument '%s'\n", argv[optind]);
		return 2;
	}
	if (path == NULL) {
		fprintf(stderr, "tctt-dashboard: -c FILE is required\n");
		usage(stderr);
		return 2;
	}
	if (format != NULL && strcmp(format, "xlsx") == 0 && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "tctt-dashboard: --export xlsx writes a binary file: "
		    "redirect it (> results.xlsx)\n");
		return 2;
	}
	if (format != NULL && listen != NULL) {
		fprintf(stderr, "tctt-dashboard: --listen and --export exclude each other\n");
		return 2;
	}
	clock_init_tz();
	if (config_load(path, &cfg, &cause) == -1) {
		/* At error priority: `journalctl -p err` must show why it did not start. */
		log_errx_lines(cause);
		free(cause);
		return 2;
	}
	if (format != NULL)
		rc = export(cfg, format);
	else
		rc = dashboard_serve(cfg, listen != NULL ? listen : cfg->listen);
	config_free(cfg);
	return rc;
}
