/*
 * alloc.c: how the release tcttd's allocator (jemalloc, linked by the
 * Makefile; the sanitizer builds keep theirs) is tuned. jemalloc reads this
 * string at its start; MALLOC_CONF in the environment still overrides it.
 *
 * Why jemalloc: the worker thread allocates each page's parse tree and
 * extraction, the loop thread frees the extraction; glibc's arenas made that
 * a lock handed between the threads, and malloc and free were a sixth of the
 * daemon's CPU. Why these options: one arena (two threads need no more; each
 * keeps its own cache in front of it) and small per-thread caches keep peak
 * memory near glibc's.
 */
const char *malloc_conf = "narenas:1,tcache_max:1024";
