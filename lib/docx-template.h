/* docx-template.h: the fixed parts of every .docx tctt writes (docx-template.c). */
#ifndef TCTT_DOCX_TEMPLATE_H
#define TCTT_DOCX_TEMPLATE_H

#include <stddef.h>

#define DOCX_TEMPLATE_PARTS 6

/* One part: its name in the zip and its XML text. */
struct docx_part {
	const char	*name;
	const char	*text;
};

/* [Content_Types].xml first, as Office writes it. */
extern const struct docx_part docx_template[DOCX_TEMPLATE_PARTS];

#endif
