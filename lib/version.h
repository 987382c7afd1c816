/* version.h: the one place the release number lives. */
#ifndef TCTT_VERSION_H
#define TCTT_VERSION_H
#define TCTT_VERSION "0.1.0"
#endif
